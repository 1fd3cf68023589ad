#pragma once
// The heap state behind a tcp_stream: the libuv handle, the receive buffer and
// the one reader / one writer that may be waiting on it.

#include <coroutine>
#include <optional>
#include <vector>

#include "handle_box.hpp"
#include "uvimap/async/cancellation.hpp"
#include "uvimap/async/tcp.hpp"

namespace uvimap::async::detail {

class tcp_box final : public handle_box<uv_tcp_t> {
public:
    tcp_box(uv_loop_t* loop, const tcp_options& options);

    uv_stream_t* stream() noexcept { return reinterpret_cast<uv_stream_t*>(&handle); }
    static tcp_box& of(uv_stream_t* raw) noexcept {
        return static_cast<tcp_box&>(*from(raw->data));
    }
    static tcp_box& of(uv_handle_t* raw) noexcept {
        return static_cast<tcp_box&>(*from(raw->data));
    }

    // Applies per-connection options once connected or accepted.
    void configure() noexcept;

    // Waits for one libuv read callback. Returns nread (bytes, UV_EOF or an
    // error; UV_ECANCELED when the token fired).
    struct read_awaiter {
        tcp_box& box;
        const cancellation_token& token;
        std::coroutine_handle<> waiter;
        ssize_t result = 0;
        std::optional<cancellation_registration> on_cancel;

        bool await_ready() const noexcept { return false; }
        bool await_suspend(std::coroutine_handle<> h);
        ssize_t await_resume() noexcept {
            on_cancel.reset();
            return result;
        }
    };

    // The result a pending read sees when the handle is closed under it.
    static constexpr ssize_t closed_while_reading = -100000;

    std::vector<char> buffer;
    read_awaiter* reader = nullptr;
    bool writing = false;
    bool at_eof = false;
    tcp_options options;

private:
    void collect_stranded(std::vector<std::coroutine_handle<>>& wake) noexcept override;
    static void on_alloc(uv_handle_t* raw, std::size_t suggested, uv_buf_t* out) noexcept;
    static void on_read(uv_stream_t* raw, ssize_t nread, const uv_buf_t* buf) noexcept;
};

// Runs one libuv request whose callback reports a status, resuming the
// awaiting coroutine with it. Used for connect, write and shutdown.
template <class Request>
struct request_awaiter {
    Request request{};
    std::coroutine_handle<> waiter;
    int status = 0;

    request_awaiter() noexcept { request.data = this; }
    request_awaiter(const request_awaiter&) = delete;
    request_awaiter& operator=(const request_awaiter&) = delete;

    static void on_done(Request* raw, int status) noexcept {
        auto* self = static_cast<request_awaiter*>(raw->data);
        self->status = status;
        std::exchange(self->waiter, {}).resume();
    }
};

}  // namespace uvimap::async::detail
