#include "support/test_loop.hpp"

#include <doctest/doctest.h>

namespace uvimap::test {

test_loop::test_loop() {
    REQUIRE(uv_loop_init(&m_loop) == 0);
}

int test_loop::open_handles() {
    int count = 0;
    uv_walk(
        &m_loop, [](uv_handle_t*, void* arg) { ++*static_cast<int*>(arg); }, &count);
    return count;
}

test_loop::~test_loop() {
    // run() promises that the handles a task opened are closed, close
    // callbacks included, by the time it returns: nothing may be left, not
    // even a handle that is merely closing.
    CHECK_MESSAGE(open_handles() == 0, "the test left libuv handles open or closing");
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
