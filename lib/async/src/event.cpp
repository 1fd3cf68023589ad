#include "uvimap/async/event.hpp"

#include "uvimap/async/error.hpp"

namespace uvimap::async {

void async_event::set() {
    m_set = true;
    m_waiters.wake_all();
}

task<void> async_event::wait() {
    if (m_set) {
        co_return;
    }
    // Awaited into a variable: g++ 12 mis-compiles a co_await inside an
    // if condition's comparison (the frame is resumed in a bad state).
    const detail::suspension::outcome outcome = co_await m_waiters.wait();
    if (outcome == detail::suspension::outcome::cancelled) {
        throw error(errc::cancelled, "wait for an event cancelled");
    }
}

}  // namespace uvimap::async
