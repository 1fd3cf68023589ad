#pragma once
// The process's limit on open file descriptors (RLIMIT_NOFILE).
//
// Every connection holds one descriptor, so a job with a thousand
// connections needs more than the common default soft limit of 1024. The
// library never changes process-wide settings on its own: the application
// calls raise_open_file_limit() at start if it wants to.

#include <cstdint>
#include <limits>

namespace uvimap::async {

struct open_file_limit {
    std::uint64_t soft = 0;  // what the process may open now
    std::uint64_t hard = 0;  // how far the soft limit may be raised
};

// The current limits; {0, 0} if they cannot be read.
open_file_limit current_open_file_limit() noexcept;

// Raises the soft limit to `wanted`, or to the hard limit if that is lower,
// and returns the limits in force afterwards. Never lowers it.
open_file_limit raise_open_file_limit(
    std::uint64_t wanted = std::numeric_limits<std::uint64_t>::max()) noexcept;

}  // namespace uvimap::async
