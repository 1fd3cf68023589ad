#include "uvimap/async/timer.hpp"

#include "handle_box.hpp"

namespace uvimap::async {

namespace detail {

class timer_box final : public handle_box<uv_timer_t> {
public:
    std::function<void()> on_expiry;
    bool expired = false;

    static void on_timer(uv_timer_t* raw) noexcept {
        auto* box = static_cast<timer_box*>(from(raw->data));
        box->expired = true;
        // Move the callback out: it may close and free this box.
        std::function<void()> callback = std::move(box->on_expiry);
        if (callback) {
            callback();
        }
    }

    void start(uv_loop_t* loop, std::chrono::milliseconds delay) {
        const int status = uv_timer_init(loop, &handle);
        if (status < 0) {
            throw uv_error(errc::io_error, "uv_timer_init", status);
        }
        mark_initialized();
        const auto ms = delay.count() < 0 ? 0 : static_cast<std::uint64_t>(delay.count());
        uv_timer_start(&handle, &timer_box::on_timer, ms, 0);
    }
};

}  // namespace detail

deadline_timer::deadline_timer(uv_loop_t* loop, std::chrono::milliseconds limit,
                               std::function<void()> on_expiry)
    : m_box(new detail::timer_box()) {
    m_box->on_expiry = std::move(on_expiry);
    try {
        m_box->start(loop, limit);
    } catch (...) {
        m_box->release();
        throw;
    }
}

deadline_timer::~deadline_timer() {
    m_box->release();
}

bool deadline_timer::expired() const noexcept {
    return m_box->expired;
}

task<void> deadline_timer::close() {
    m_box->on_expiry = nullptr;
    co_await m_box->close();
}

task<void> sleep_for(uv_loop_t* loop, std::chrono::milliseconds delay) {
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();

    // Both the timer and a cancellation resume the same awaiting coroutine.
    struct wake_state {
        std::coroutine_handle<> waiter;
        bool cancelled = false;
    } wake;
    struct sleep_awaiter {
        wake_state& wake;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h) noexcept { wake.waiter = h; }
        void await_resume() const noexcept {}
    };

    deadline_timer deadline(loop, delay, [&wake] { std::exchange(wake.waiter, {}).resume(); });
    {
        cancellation_registration on_cancel(token, [&wake] {
            wake.cancelled = true;
            std::exchange(wake.waiter, {}).resume();
        });
        co_await sleep_awaiter{wake};
    }
    co_await deadline.close();
    if (wake.cancelled) {
        throw error(errc::cancelled, "sleep cancelled");
    }
}

}  // namespace uvimap::async
