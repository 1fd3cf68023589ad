#pragma once
// The building block of every wait in the async layer.
//
// A suspension holds one coroutine that waits for an operation to finish.
// Either the operation calls complete(), or the coroutine's cancellation
// token fires first: then an optional hook runs (to stop the libuv
// operation) and the wait ends as cancelled. Either way the coroutine is
// resumed exactly once, and the cancellation registration is gone by the
// time it runs. Timers, DNS, accept, reads and the wait queues of events and
// mutexes are all written with it.

#include <coroutine>
#include <functional>
#include <optional>
#include <utility>

#include "uvimap/async/cancellation.hpp"

namespace uvimap::async::detail {

class suspension {
public:
    enum class outcome { completed, cancelled };

    suspension() = default;
    suspension(const suspension&) = delete;
    suspension& operator=(const suspension&) = delete;

    // co_await wait(token, hook): suspends until complete() or cancellation.
    // Does not suspend at all when complete() came first or the token is
    // already cancelled (the hook does not run then: nothing was started
    // that it would have to stop). `on_cancel` runs before the coroutine is
    // resumed; it must not throw.
    auto wait(const cancellation_token& token, std::function<void()> on_cancel = {}) noexcept {
        struct awaiter {
            suspension& self;
            const cancellation_token& token;
            std::function<void()> on_cancel;

            bool await_ready() noexcept {
                if (self.m_state == state::idle && token.is_cancelled()) {
                    self.m_state = state::cancelled;
                }
                return self.m_state != state::idle;
            }
            void await_suspend(std::coroutine_handle<> waiter) {
                self.m_state = state::waiting;
                self.m_waiter = waiter;
                self.m_on_cancel = std::move(on_cancel);
                // Not cancelled yet (await_ready checked), so the callback
                // cannot run inside this constructor.
                self.m_registration.emplace(token, [s = &self] { s->cancel(); });
            }
            outcome await_resume() noexcept {
                self.m_registration.reset();
                return self.m_state == state::cancelled ? outcome::cancelled : outcome::completed;
            }
        };
        return awaiter{*this, token, std::move(on_cancel)};
    }

    bool is_waiting() const noexcept { return m_state == state::waiting; }
    bool is_finished() const noexcept {
        return m_state == state::completed || m_state == state::cancelled;
    }

    // The operation is done: resumes the waiting coroutine, or makes a wait
    // that has not begun yet return at once. Does nothing after the wait
    // was cancelled. The resumed coroutine may destroy this suspension.
    void complete() noexcept {
        if (m_state == state::idle) {
            m_state = state::completed;
        } else if (m_state == state::waiting) {
            m_state = state::completed;
            m_registration.reset();
            std::exchange(m_waiter, {}).resume();
        }
    }

    // Makes the suspension reusable for another wait.
    void reset() noexcept {
        m_state = state::idle;
        m_on_cancel = nullptr;
    }

private:
    enum class state { idle, waiting, completed, cancelled };

    void cancel() noexcept {
        if (m_state != state::waiting) {
            return;
        }
        m_state = state::cancelled;
        if (std::function<void()> hook = std::exchange(m_on_cancel, nullptr)) {
            hook();
        }
        std::exchange(m_waiter, {}).resume();
    }

    state m_state = state::idle;
    std::coroutine_handle<> m_waiter;
    std::function<void()> m_on_cancel;
    std::optional<cancellation_registration> m_registration;
};

}  // namespace uvimap::async::detail
