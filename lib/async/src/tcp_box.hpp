#pragma once
// The heap state behind a tcp_stream: the libuv handle, the buffer a read()
// lands in, and the one reader and one writer that may be waiting on it.

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "handle_box.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/tcp.hpp"

namespace uvimap::async::detail {

// A read waiting for one libuv read callback; lives in the reading
// coroutine's frame, so that its result survives the box.
struct read_wait {
    suspension wake;
    // Bytes read, UV_EOF, a negative libuv error, or closed_while_reading.
    ssize_t result = 0;
    // Where the bytes go: the caller's buffer for read_into(), empty for
    // read() (on_alloc then hands out the box's own buffer).
    std::span<char> target;
    // Set when the handle closed under the read: why, if abort() said.
    std::string aborted_because;

    static constexpr ssize_t closed_while_reading = -100000;
};

class tcp_box final : public handle_box<uv_tcp_t> {
public:
    tcp_box(uv_loop_t* loop, const tcp_options& options);

    uv_stream_t* stream() noexcept { return reinterpret_cast<uv_stream_t*>(&handle); }
    static tcp_box& of(uv_handle_t* raw) noexcept {
        return static_cast<tcp_box&>(*from(raw->data));
    }

    // Applies per-connection options once connected or accepted.
    void configure() noexcept;

    // Starts reading for `wait`; returns a negative libuv status if libuv
    // refused, else 0 and the wait is pending.
    int start_read(read_wait& wait) noexcept;
    void stop_read() noexcept;

    // read()'s buffer: allocated when bytes arrive, released at the next
    // read, so that a connection waiting for its peer holds none.
    std::unique_ptr<char[]> own_buffer;
    read_wait* reader = nullptr;
    bool writing = false;
    bool at_eof = false;
    std::string abort_reason;
    tcp_options options;

private:
    void collect_stranded(std::vector<suspension*>& stranded) noexcept override;
    static void on_alloc(uv_handle_t* raw, std::size_t suggested, uv_buf_t* out) noexcept;
    static void on_read(uv_stream_t* raw, ssize_t nread, const uv_buf_t* buf) noexcept;
};

// Runs one libuv request whose callback reports a status, resuming the
// awaiting coroutine with it. Used for connect, write and shutdown, which
// cannot be cancelled on their own: the caller closes the handle, and libuv
// then completes the request with UV_ECANCELED.
template <class Request>
struct request_awaiter {
    Request request{};
    std::coroutine_handle<> waiter;
    int status = 0;

    request_awaiter() noexcept { request.data = this; }
    request_awaiter(const request_awaiter&) = delete;
    request_awaiter& operator=(const request_awaiter&) = delete;

    bool await_ready() const noexcept { return false; }
    int await_resume() const noexcept { return status; }

    // `start` issues the request with on_done as its callback and returns
    // libuv's status; a failure to start resumes at once.
    template <class Start>
    bool suspend_with(std::coroutine_handle<> h, Start start) noexcept {
        waiter = h;
        status = start();
        return status == 0;
    }

    static void on_done(Request* raw, int result) noexcept {
        auto* self = static_cast<request_awaiter*>(raw->data);
        self->status = result;
        std::exchange(self->waiter, {}).resume();
    }
};

// The error for a libuv status of a descriptor-creating call: EMFILE and
// ENFILE become too_many_open_files with the process's limit in the message.
bool is_out_of_descriptors(int uv_status) noexcept;
error descriptor_error(std::string_view operation, int uv_status);

}  // namespace uvimap::async::detail
