#include "uvimap/async/timer.hpp"

#include "handle_box.hpp"
#include "uvimap/async/detail/suspension.hpp"

namespace uvimap::async {

namespace detail {

class timer_box final : public handle_box<uv_timer_t> {
public:
    std::function<void()> on_expiry;
    bool expired = false;
    std::exception_ptr failure;

    explicit timer_box(uv_loop_t* loop) {
        const int status = uv_timer_init(loop, &handle);
        if (status < 0) {
            throw uv_error(errc::io_error, "uv_timer_init", status);
        }
        mark_initialized();
    }

    void arm(std::chrono::milliseconds delay) noexcept {
        if (is_closing()) {
            return;
        }
        expired = false;
        const auto ms = delay.count() < 0 ? 0 : static_cast<std::uint64_t>(delay.count());
        uv_timer_start(&handle, &timer_box::on_timer, ms, 0);
    }

    static void on_timer(uv_timer_t* raw) noexcept {
        auto* box = static_cast<timer_box*>(from(raw->data));
        box->expired = true;
        // Call a copy: the callback may replace it, or destroy the timer.
        // The box itself outlives the call even then, since libuv frees a
        // handle only in a later close callback.
        std::function<void()> callback = box->on_expiry;
        if (!callback) {
            return;
        }
        try {
            callback();
        } catch (...) {
            // Nowhere to throw from a libuv callback; close() rethrows it.
            if (!box->failure) {
                box->failure = std::current_exception();
            }
        }
    }
};

}  // namespace detail

deadline_timer::deadline_timer(uv_loop_t* loop, std::chrono::milliseconds limit,
                               std::function<void()> on_expiry)
    : m_box(new detail::timer_box(loop)) {
    m_box->on_expiry = std::move(on_expiry);
    m_box->arm(limit);
}

deadline_timer::~deadline_timer() {
    m_box->release();
}

bool deadline_timer::expired() const noexcept {
    return m_box->expired;
}

bool deadline_timer::armed() const noexcept {
    return !m_box->is_closing() && uv_is_active(m_box->base()) != 0;
}

void deadline_timer::restart(std::chrono::milliseconds limit) {
    m_box->arm(limit);
}

void deadline_timer::stop() noexcept {
    if (!m_box->is_closing()) {
        uv_timer_stop(&m_box->handle);
    }
}

task<void> deadline_timer::close() {
    m_box->on_expiry = nullptr;
    co_await m_box->close();
    if (std::exception_ptr failure = std::exchange(m_box->failure, nullptr)) {
        std::rethrow_exception(failure);
    }
}

task<void> sleep_for(uv_loop_t* loop, std::chrono::milliseconds delay) {
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    detail::suspension wake;
    deadline_timer deadline(loop, delay, [&wake] { wake.complete(); });
    const detail::suspension::outcome outcome = co_await wake.wait(token);
    co_await deadline.close();
    if (outcome == detail::suspension::outcome::cancelled) {
        throw error(errc::cancelled, "sleep cancelled");
    }
}

}  // namespace uvimap::async
