// uvimap summary FOLDER: the chapter's folder_summary.py, for a fraction of
// the bytes. Where the chapter downloads every whole message, this asks in
// ONE command for each message's UID, ENVELOPE, BODYSTRUCTURE and the first
// 256 bytes of part 1, and prints each message as its data arrives
// (summary_format.hpp has the lines). Messages whose first bytes decode to
// fewer than 60 characters get a follow-up fetch of more bytes; those go
// out together, pipelined, once the folder's FETCH has completed, and the
// messages after such a one wait for it, so that the output stays in UID
// order. JSON data: {"folder", "messages": [{"uid", "from", and "text",
// "parts" or "type" and "size"}]}.
#pragma once

#include <string>

#include "job.hpp"

namespace uvimap::app {

account_operation summary_operation(std::string folder);

}  // namespace uvimap::app
