#include "support/test_loop.hpp"

#include <doctest/doctest.h>

namespace uvimap::test {

test_loop::test_loop() {
    REQUIRE(uv_loop_init(&m_loop) == 0);
}

int test_loop::open_handles() {
    int count = 0;
    uv_walk(
        &m_loop,
        [](uv_handle_t* handle, void* arg) {
            if (!uv_is_closing(handle)) {
                ++*static_cast<int*>(arg);
            }
        },
        &count);
    return count;
}

test_loop::~test_loop() {
    // Let pending close callbacks and abandoned requests finish first.
    uv_run(&m_loop, UV_RUN_NOWAIT);
    CHECK_MESSAGE(open_handles() == 0, "the test left libuv handles open");
    uv_walk(
        &m_loop,
        [](uv_handle_t* handle, void*) {
            if (!uv_is_closing(handle)) {
                uv_close(handle, nullptr);
            }
        },
        nullptr);
    uv_run(&m_loop, UV_RUN_DEFAULT);
    CHECK(uv_loop_close(&m_loop) == 0);
}

}  // namespace uvimap::test
