#include "support/process_limits.hpp"

#include <doctest/doctest.h>
#include <malloc.h>

#include "uvimap/async/fd_limit.hpp"

#if defined(__SANITIZE_ADDRESS__)
// From the sanitizer runtime (g++ 12 does not install its header,
// sanitizer/allocator_interface.h).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace uvimap::test {

std::size_t heap_in_use() {
#if defined(__SANITIZE_ADDRESS__)
    return __sanitizer_get_current_allocated_bytes();
#else
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
#endif
}

void require_open_files(std::size_t needed) {
    [[maybe_unused]] const async::open_file_limit limit = async::raise_open_file_limit(needed);
    REQUIRE_MESSAGE(limit.soft >= needed, "this test needs "
                                              << needed << " open files but the hard limit is "
                                              << limit.hard << "; raise it (ulimit -Hn " << needed
                                              << " as root) or set fewer connections");
}

}  // namespace uvimap::test
