#pragma once
// async_event: a flag that coroutines can wait for.
//
// A manual-reset event: set() wakes every coroutine waiting in wait() and
// lets later waits pass straight through until reset(). Typical use: one
// reader task learns that something happened (a connection ended, a
// response arrived) and every task that cares goes on.

#include "uvimap/async/detail/wait_queue.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

class async_event {
public:
    explicit async_event(bool initially_set = false) noexcept : m_set(initially_set) {}
    // Destroying an event that coroutines still wait on is a programming
    // error and aborts the process with a message: they would never resume.
    ~async_event() = default;
    async_event(const async_event&) = delete;
    async_event& operator=(const async_event&) = delete;

    bool is_set() const noexcept { return m_set; }

    // Sets the event and resumes every waiter, in the order they began to
    // wait, before returning. A resumed waiter may destroy the event.
    void set();
    // Clears the event; waits begun afterwards suspend until the next set().
    void reset() noexcept { m_set = false; }

    // Completes when the event is set (at once if it is). Cancelling the
    // calling task ends this wait alone with async::errc::cancelled; other
    // waiters keep waiting.
    task<void> wait();

private:
    bool m_set;
    detail::wait_queue m_waiters;
};

}  // namespace uvimap::async
