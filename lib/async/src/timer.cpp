#include "uvimap/async/timer.hpp"

#include "handle_box.hpp"

namespace uvimap::async {

namespace detail {

class TimerBox final : public HandleBox<uv_timer_t> {
public:
    std::function<void()> on_expiry;
    bool expired = false;

    static void on_timer(uv_timer_t* raw) noexcept {
        auto* box = static_cast<TimerBox*>(from(raw->data));
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
            throw uv_error(ErrorKind::io_error, "uv_timer_init", status);
        }
        mark_initialized();
        const auto ms = delay.count() < 0 ? 0 : static_cast<std::uint64_t>(delay.count());
        uv_timer_start(&handle, &TimerBox::on_timer, ms, 0);
    }
};

}  // namespace detail

Deadline::Deadline(uv_loop_t* loop, std::chrono::milliseconds limit,
                   std::function<void()> on_expiry)
    : m_box(new detail::TimerBox()) {
    m_box->on_expiry = std::move(on_expiry);
    try {
        m_box->start(loop, limit);
    } catch (...) {
        m_box->release();
        throw;
    }
}

Deadline::~Deadline() {
    m_box->release();
}

bool Deadline::expired() const noexcept {
    return m_box->expired;
}

Task<void> Deadline::close() {
    m_box->on_expiry = nullptr;
    co_await m_box->close();
}

Task<void> sleep_for(uv_loop_t* loop, std::chrono::milliseconds delay) {
    const CancellationToken token = co_await current_cancellation_token();
    token.throw_if_cancelled();

    // Both the timer and a cancellation resume the same awaiting coroutine.
    struct Wake {
        std::coroutine_handle<> waiter;
        bool cancelled = false;
    } wake;
    struct Sleep {
        Wake& wake;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h) noexcept { wake.waiter = h; }
        void await_resume() const noexcept {}
    };

    Deadline deadline(loop, delay, [&wake] { std::exchange(wake.waiter, {}).resume(); });
    {
        CancellationRegistration on_cancel(token, [&wake] {
            wake.cancelled = true;
            std::exchange(wake.waiter, {}).resume();
        });
        co_await Sleep{wake};
    }
    co_await deadline.close();
    if (wake.cancelled) {
        throw Error(ErrorKind::cancelled, "sleep cancelled");
    }
}

}  // namespace uvimap::async
