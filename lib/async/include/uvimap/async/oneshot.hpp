#pragma once
// oneshot<T>: a value that one side produces once and another awaits.
//
// The producer calls set_value() or set_exception() once; the consumer's
// co_await take() completes with the value (moved out) or rethrows the
// exception. This is how a connection's single reader task completes the
// commands that many caller tasks await: each command holds a oneshot.

#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>

#include "uvimap/async/event.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

// Not copyable or movable: waiters point at it. Destroying it while a
// consumer waits aborts (see async_event). T must be movable.
template <class T>
class oneshot {
public:
    oneshot() = default;
    oneshot(const oneshot&) = delete;
    oneshot& operator=(const oneshot&) = delete;

    // True once a value or an exception was set.
    bool is_ready() const noexcept { return m_ready.is_set(); }

    // Stores the value and resumes the consumer if it waits. Throws
    // std::logic_error if the oneshot already holds a result.
    void set_value(T value) {
        check_empty();
        m_value.emplace(std::move(value));
        m_ready.set();
    }
    void set_exception(std::exception_ptr failure) {
        check_empty();
        m_failure = std::move(failure);
        m_ready.set();
    }

    // Waits for the result and moves it out; call once. Cancelling the
    // consumer ends the wait with async::errc::cancelled and leaves the
    // oneshot as it is, so the producer may still set it.
    task<T> take() {
        co_await m_ready.wait();
        if (m_failure) {
            std::rethrow_exception(m_failure);
        }
        if (!m_value) {
            throw std::logic_error("uvimap::async::oneshot: the value was taken already");
        }
        T value = std::move(*m_value);
        m_value.reset();
        co_return value;
    }

private:
    void check_empty() const {
        if (is_ready()) {
            throw std::logic_error("uvimap::async::oneshot: the result was set already");
        }
    }

    async_event m_ready;
    std::optional<T> m_value;
    std::exception_ptr m_failure;
};

}  // namespace uvimap::async
