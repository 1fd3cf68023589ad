#include "uvimap/async/fd_limit.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace uvimap::async {

namespace {

std::uint64_t to_count(rlim_t value) {
    return value == RLIM_INFINITY ? std::numeric_limits<std::uint64_t>::max()
                                  : static_cast<std::uint64_t>(value);
}

}  // namespace

open_file_limit current_open_file_limit() noexcept {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return {};
    }
    return {to_count(limit.rlim_cur), to_count(limit.rlim_max)};
}

open_file_limit raise_open_file_limit(std::uint64_t wanted) noexcept {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return {};
    }
    const std::uint64_t target = std::min(wanted, to_count(limit.rlim_max));
    if (target > to_count(limit.rlim_cur)) {
        limit.rlim_cur = target == std::numeric_limits<std::uint64_t>::max()
                             ? RLIM_INFINITY
                             : static_cast<rlim_t>(target);
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    return current_open_file_limit();
}

}  // namespace uvimap::async
