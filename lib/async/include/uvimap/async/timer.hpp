#pragma once
// Timers: sleeping, deadlines that can be re-armed, and a timeout around any
// task.

#include <uv.h>

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>

#include "uvimap/async/cancellation.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

// Completes after `delay` (at least; the loop's clock has millisecond
// steps). Cancellation ends it early with errc::cancelled. Throws
// errc::io_error if libuv cannot make a timer.
task<void> sleep_for(uv_loop_t* loop, std::chrono::milliseconds delay);

namespace detail {
class timer_box;
}

// Calls `on_expiry` from the loop when `limit` has passed since the timer was
// made or last restart()ed, unless stopped or closed first; once per arming.
// An inactivity deadline calls restart() on every sign of life.
//
// The callback runs inside a libuv callback, where an exception has nowhere
// to go: one it throws is caught and kept, later ones are dropped, and
// close() rethrows it once the handle is closed. It may restart(), stop()
// or destroy the timer.
//
// The libuv handle is released by co_await close() (or by the destructor,
// which lets libuv free it later; a kept exception is then lost).
class deadline_timer {
public:
    // Throws errc::io_error if libuv cannot make a timer.
    deadline_timer(uv_loop_t* loop, std::chrono::milliseconds limit,
                   std::function<void()> on_expiry);
    ~deadline_timer();
    deadline_timer(const deadline_timer&) = delete;
    deadline_timer& operator=(const deadline_timer&) = delete;

    // True once the callback was called for the current arming.
    bool expired() const noexcept;
    // True while the countdown runs.
    bool armed() const noexcept;

    // Starts counting `limit` again from now, whether the timer expired,
    // was stopped or is still running. Does nothing after close().
    void restart(std::chrono::milliseconds limit);
    // Stops the countdown; restart() arms it again.
    void stop() noexcept;

    // Closes the handle; then rethrows an exception the callback threw.
    task<void> close();

private:
    detail::timer_box* m_box;
};

// Runs `task` but gives up after `limit`: the task's cancellation token is
// triggered, and once the task has unwound the error is rethrown as
// errc::timed_out. The task also stays cancellable from the awaiter's
// own token (then the error stays errc::cancelled).
template <class T>
task<T> with_timeout(uv_loop_t* loop, std::chrono::milliseconds limit, task<T> task) {
    cancellation_source source;
    const cancellation_token parent = co_await current_cancellation_token();
    deadline_timer deadline(loop, limit, [&source] { source.request_cancellation(); });

    std::exception_ptr failure;
    std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> result;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await with_cancellation(source.token(), std::move(task));
            result.emplace(true);
        } else {
            result.emplace(co_await with_cancellation(source.token(), std::move(task)));
        }
    } catch (...) {
        failure = std::current_exception();
    }
    const bool timed_out = deadline.expired() && !parent.is_cancelled();
    co_await deadline.close();
    if (failure) {
        if (timed_out) {
            throw error(errc::timed_out,
                        "timed out after " + std::to_string(limit.count()) + " ms");
        }
        std::rethrow_exception(failure);
    }
    if constexpr (!std::is_void_v<T>) {
        co_return std::move(*result);
    }
}

}  // namespace uvimap::async
