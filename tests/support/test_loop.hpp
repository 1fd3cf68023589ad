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

// How long a test's task may run: a couple of seconds for ordinary cases,
// longer for bulk transfers in the sanitizer build.
inline constexpr std::chrono::milliseconds default_watchdog{2'000};
inline constexpr std::chrono::milliseconds bulk_watchdog{60'000};
// For whole IMAP sessions with Dovecot, which delays a failed login by half
// a second and spawns a process per login.
inline constexpr std::chrono::milliseconds server_watchdog{15'000};

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
    // is cancelled and the call throws error(timed_out). Hermetic tests
    // fail fast: bulk transfers and tests against many connections pass a
    // longer limit explicitly (bulk_watchdog).
    template <class T>
    T run(async::task<T> task, std::chrono::milliseconds watchdog = default_watchdog) {
        return async::run(&m_loop, async::with_timeout(&m_loop, watchdog, std::move(task)));
    }

    // Handles on the loop, open or closing.
    int open_handles();

private:
    uv_loop_t m_loop{};
};

}  // namespace uvimap::test
