// Runs libetpan's IMAP response parser over bytes in memory, the way
// libetpan's own commands run it on a socket.
//
// This is the baseline of bench_parser. It is kept in its own file so that
// libetpan's C headers (and their macros) stay out of the rest of the bench.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace uvimap::bench {

struct etpan_result {
    bool ok = false;
    // Why the run stopped early (a libetpan error code and where), when !ok.
    std::string error;
    // What libetpan reported: FETCH data items it stored, and completions
    // (tagged or BYE) that ended a mailimap_parse_response() call.
    std::size_t fetches = 0;
    std::size_t completions = 0;
};

// Connects a libetpan session to `bytes` through an in-memory mailstream
// driver that hands out at most `chunk` bytes per read, reads the greeting,
// then alternates mailimap_read_line() and mailimap_parse_response() until
// the bytes run out, freeing what libetpan built as it goes.
etpan_result etpan_parse(std::string_view bytes, std::size_t chunk);

}  // namespace uvimap::bench
