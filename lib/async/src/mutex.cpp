#include "uvimap/async/mutex.hpp"

#include "uvimap/async/error.hpp"

namespace uvimap::async {

bool async_mutex::try_lock() noexcept {
    if (m_locked) {
        return false;
    }
    m_locked = true;
    return true;
}

task<async_mutex::guard> async_mutex::lock() {
    if (try_lock()) {
        co_return guard(*this);
    }
    // unlock() hands the lock over while it stays marked locked, so a
    // waiter that is woken owns it already.
    // Awaited into a variable: g++ 12 mis-compiles a co_await inside an
    // if condition's comparison (the frame is resumed in a bad state).
    const detail::suspension::outcome outcome = co_await m_waiters.wait();
    if (outcome == detail::suspension::outcome::cancelled) {
        throw error(errc::cancelled, "wait for a lock cancelled");
    }
    co_return guard(*this);
}

void async_mutex::unlock() noexcept {
    if (!m_waiters.wake_one()) {
        m_locked = false;
    }
}

}  // namespace uvimap::async
