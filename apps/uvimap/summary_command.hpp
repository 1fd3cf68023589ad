// uvimap summary FOLDER: the chapter's folder_summary.py, for a fraction of
// the bytes. Where the chapter downloads every whole message, this asks in
// ONE command for each message's UID, ENVELOPE, BODYSTRUCTURE and the first
// 256 bytes of part 1, and prints each message as its data arrives
// (summary_format.hpp has the lines). Messages whose first bytes decode to
// fewer than 60 characters get a follow-up fetch of more bytes, pipelined,
// and the messages after such a one wait for it, so that the output stays
// in UID order. A folder of more than `piece` messages is fetched in pieces
// of that many, two in flight, each piece's follow-ups sent when it is
// done: what waits stays bounded however big the folder. JSON data:
// {"folder", "messages": [{"uid", "from", and "text", "parts" or "type"
// and "size"}]}.
#pragma once

#include <cstdint>
#include <string>

#include "job.hpp"

namespace uvimap::app {

inline constexpr std::uint32_t default_summary_piece = 10'000;

account_operation summary_operation(std::string folder,
                                    std::uint32_t piece = default_summary_piece);

}  // namespace uvimap::app
