// What a run cost, as one JSON line: `uvimap --stats` prints it on standard
// error at the end, bench_raw_floor as its result, so that
// scripts/bench-summary reads both the same way:
//   {"tool":"uvimap","accounts":1000,"succeeded":1000,"failed":0,
//    "concurrency":256,"wall_s":4.118,"cpu_user_s":0.512,"cpu_sys_s":0.301,
//    "bytes_read":10482001,"bytes_written":190233,"max_rss_kib":41232}
// Bytes are IMAP bytes (after TLS), CPU time this process's (getrusage),
// memory its peak resident set (peak_memory.hpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace uvimap::app {

struct run_totals {
    std::string tool;  // "uvimap", "raw_floor"
    std::size_t accounts = 0;
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t concurrency = 0;
    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_written = 0;
};

// The line (with its newline), with this process's CPU time and peak
// resident set so far.
std::string stats_line(const run_totals& totals, std::chrono::steady_clock::duration wall);

}  // namespace uvimap::app
