#pragma once
// A private libuv loop for one test case, with a watchdog and a clean-close
// check at the end (every handle closed, uv_loop_close() == 0), in the manner
// of libuv's own MAKE_VALGRIND_HAPPY.

#include <uv.h>

#include <chrono>

#include "uvimap/async/run.hpp"
#include "uvimap/async/task.hpp"
#include "uvimap/async/timer.hpp"

namespace uvimap::test {

class test_loop {
public:
    test_loop();
    // Checks (with doctest CHECKs) that the test left no handle open and
    // that the loop closes.
    ~test_loop();
    test_loop(const test_loop&) = delete;
    test_loop& operator=(const test_loop&) = delete;

    uv_loop_t* get() noexcept { return &m_loop; }
    operator uv_loop_t*() noexcept { return &m_loop; }

    // Runs the task to completion; a task still running after `watchdog`
    // is cancelled and the call throws error(timed_out).
    template <class T>
    T run(async::task<T> task, std::chrono::milliseconds watchdog = std::chrono::seconds(30)) {
        return async::run(&m_loop, async::with_timeout(&m_loop, watchdog, std::move(task)));
    }

    // Handles on the loop, open or closing.
    int open_handles();

private:
    uv_loop_t m_loop{};
};

}  // namespace uvimap::test
