#pragma once
// Timers: sleeping, deadlines, and a timeout around any task.

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

// Completes after `delay`. Cancellation ends it early with errc::cancelled.
task<void> sleep_for(uv_loop_t* loop, std::chrono::milliseconds delay);

namespace detail {
class timer_box;
}

// Calls `on_expiry` once, from the loop, after `limit` — unless closed first.
// The timer handle is released by co_await close() (or by the destructor,
// which lets libuv free it later).
class deadline_timer {
public:
    deadline_timer(uv_loop_t* loop, std::chrono::milliseconds limit,
                   std::function<void()> on_expiry);
    ~deadline_timer();
    deadline_timer(const deadline_timer&) = delete;
    deadline_timer& operator=(const deadline_timer&) = delete;

    bool expired() const noexcept;
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
