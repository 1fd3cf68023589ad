#include <cstring>

#include "tcp_box.hpp"
#include "uvimap/async/error.hpp"

namespace uvimap::async {

namespace detail {

tcp_box::tcp_box(uv_loop_t* loop, const tcp_options& tcp_options) : options(tcp_options) {
    const int status = uv_tcp_init(loop, &handle);
    if (status < 0) {
        throw uv_error(errc::io_error, "uv_tcp_init", status);
    }
    mark_initialized();
}

void tcp_box::configure() noexcept {
    if (options.no_delay) {
        uv_tcp_nodelay(&handle, 1);
    }
}

void tcp_box::collect_stranded(std::vector<std::coroutine_handle<>>& wake) noexcept {
    if (read_awaiter* stranded = std::exchange(reader, nullptr)) {
        stranded->result = closed_while_reading;
        wake.push_back(std::exchange(stranded->waiter, {}));
    }
}

void tcp_box::on_alloc(uv_handle_t* raw, std::size_t, uv_buf_t* out) noexcept {
    tcp_box& box = of(raw);
    if (box.buffer.empty()) {
        box.buffer.resize(box.options.read_buffer_size);
    }
    *out = uv_buf_init(box.buffer.data(), static_cast<unsigned>(box.buffer.size()));
}

void tcp_box::on_read(uv_stream_t* raw, ssize_t nread, const uv_buf_t*) noexcept {
    if (nread == 0) {
        return;  // EAGAIN: libuv gave the buffer back unused.
    }
    tcp_box& box = of(raw);
    // Reading is started per read() call, so bytes only come in while a
    // reader waits: this is what applies backpressure to the peer.
    uv_read_stop(raw);
    read_awaiter* reader = std::exchange(box.reader, nullptr);
    if (reader == nullptr) {
        return;
    }
    reader->result = nread;
    std::exchange(reader->waiter, {}).resume();
}

bool tcp_box::read_awaiter::await_suspend(std::coroutine_handle<> h) {
    waiter = h;
    box.reader = this;
    const int status = uv_read_start(box.stream(), &tcp_box::on_alloc, &tcp_box::on_read);
    if (status < 0) {
        box.reader = nullptr;
        result = status;
        return false;
    }
    on_cancel.emplace(token, [this] {
        uv_read_stop(box.stream());
        box.reader = nullptr;
        result = UV_ECANCELED;
        std::exchange(waiter, {}).resume();
    });
    return true;
}

}  // namespace detail

tcp_stream::tcp_stream(tcp_stream&& other) noexcept : m_box(std::exchange(other.m_box, nullptr)) {}

tcp_stream& tcp_stream::operator=(tcp_stream&& other) noexcept {
    if (this != &other) {
        if (m_box != nullptr) {
            m_box->release();
        }
        m_box = std::exchange(other.m_box, nullptr);
    }
    return *this;
}

tcp_stream::~tcp_stream() {
    if (m_box != nullptr) {
        m_box->release();
    }
}

detail::tcp_box& tcp_stream::box() const {
    if (m_box == nullptr) {
        throw error(errc::invalid_state, "TCP stream was moved from");
    }
    if (m_box->is_closing()) {
        throw error(errc::invalid_state, "TCP stream is closed");
    }
    return *m_box;
}

uv_loop_t* tcp_stream::loop() const noexcept {
    return m_box != nullptr ? m_box->handle.loop : nullptr;
}

socket_address tcp_stream::peer_address() const {
    sockaddr_storage storage{};
    int length = sizeof storage;
    const int status =
        uv_tcp_getpeername(&box().handle, reinterpret_cast<sockaddr*>(&storage), &length);
    if (status < 0) {
        throw uv_error(errc::io_error, "getpeername", status);
    }
    return socket_address(reinterpret_cast<const sockaddr*>(&storage));
}

namespace {

error read_error(ssize_t status) {
    if (status == detail::tcp_box::closed_while_reading) {
        return error(errc::invalid_state, "the stream was closed while a read was pending");
    }
    const int code = static_cast<int>(status);
    if (code == UV_ECANCELED) {
        return error(errc::cancelled, "read cancelled", code);
    }
    if (code == UV_ECONNRESET || code == UV_EPIPE || code == UV_ETIMEDOUT) {
        return uv_error(errc::connection_lost, "read", code);
    }
    return uv_error(errc::io_error, "read", code);
}

}  // namespace

task<std::span<const char>> tcp_stream::read() {
    detail::tcp_box& tcp = box();
    if (tcp.reader != nullptr) {
        throw error(errc::invalid_state, "a read is already pending on this stream");
    }
    if (tcp.at_eof) {
        co_return std::span<const char>{};
    }
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    const ssize_t nread = co_await detail::tcp_box::read_awaiter{tcp, token, {}, 0, {}};
    if (nread == UV_EOF) {
        tcp.at_eof = true;
        co_return std::span<const char>{};
    }
    if (nread < 0) {
        throw read_error(nread);
    }
    co_return std::span<const char>(tcp.buffer.data(), static_cast<std::size_t>(nread));
}

task<void> tcp_stream::write(std::span<const char> bytes) {
    detail::tcp_box& tcp = box();
    if (tcp.writing) {
        throw error(errc::invalid_state, "a write is already pending on this stream");
    }
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();

    // Try the socket directly first: most IMAP commands fit in the kernel
    // buffer and need no write request at all.
    while (!bytes.empty()) {
        uv_buf_t buf =
            uv_buf_init(const_cast<char*>(bytes.data()),
                        static_cast<unsigned>(std::min<std::size_t>(bytes.size(), 1u << 30)));
        const int written = uv_try_write(tcp.stream(), &buf, 1);
        if (written == UV_EAGAIN || written == UV_ENOSYS) {
            break;
        }
        if (written < 0) {
            throw uv_error(written == UV_EPIPE || written == UV_ECONNRESET ? errc::connection_lost
                                                                           : errc::io_error,
                           "write", written);
        }
        bytes = bytes.subspan(static_cast<std::size_t>(written));
    }
    if (bytes.empty()) {
        co_return;
    }

    struct write_op : detail::request_awaiter<uv_write_t> {
        detail::tcp_box& tcp;
        uv_buf_t buf;
        explicit write_op(detail::tcp_box& box, std::span<const char> rest)
            : tcp(box),
              buf(uv_buf_init(const_cast<char*>(rest.data()), static_cast<unsigned>(rest.size()))) {
        }
        bool await_ready() const noexcept { return false; }
        bool await_suspend(std::coroutine_handle<> h) noexcept {
            waiter = h;
            status = uv_write(&request, tcp.stream(), &buf, 1, &write_op::on_done_write);
            return status == 0;
        }
        static void on_done_write(uv_write_t* raw, int result) noexcept { on_done(raw, result); }
        int await_resume() const noexcept { return status; }
    };

    // uv_write takes at most 4 GiB per buffer; larger spans go in pieces.
    tcp.writing = true;
    int status = 0;
    while (!bytes.empty() && status == 0) {
        const std::size_t piece = std::min<std::size_t>(bytes.size(), 1u << 30);
        write_op write(tcp, bytes.first(piece));
        cancellation_registration on_cancel(token, [&tcp] { tcp.begin_close(); });
        status = co_await write;
        bytes = bytes.subspan(piece);
    }
    tcp.writing = false;
    if (status == UV_ECANCELED) {
        throw error(errc::cancelled, "write cancelled; the stream was closed", status);
    }
    if (status < 0) {
        throw uv_error(
            status == UV_EPIPE || status == UV_ECONNRESET ? errc::connection_lost : errc::io_error,
            "write", status);
    }
}

task<void> tcp_stream::shutdown() {
    detail::tcp_box& tcp = box();
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    struct shutdown_op : detail::request_awaiter<uv_shutdown_t> {
        detail::tcp_box& tcp;
        explicit shutdown_op(detail::tcp_box& box) : tcp(box) {}
        bool await_ready() const noexcept { return false; }
        bool await_suspend(std::coroutine_handle<> h) noexcept {
            waiter = h;
            status = uv_shutdown(&request, tcp.stream(), &shutdown_op::on_done_shutdown);
            return status == 0;
        }
        static void on_done_shutdown(uv_shutdown_t* raw, int result) noexcept {
            on_done(raw, result);
        }
        int await_resume() const noexcept { return status; }
    };
    int status = 0;
    {
        // As with write: the only way to abort a shutdown waiting on a slow
        // peer is to close the stream; libuv then reports UV_ECANCELED.
        cancellation_registration on_cancel(token, [&tcp] { tcp.begin_close(); });
        status = co_await shutdown_op(tcp);
    }
    if (status == UV_ECANCELED) {
        throw error(errc::cancelled, "shutdown cancelled; the stream was closed", status);
    }
    if (status < 0) {
        throw uv_error(errc::io_error, "shutdown", status);
    }
}

task<void> tcp_stream::close() {
    if (m_box == nullptr) {
        co_return;
    }
    co_await m_box->close();
}

}  // namespace uvimap::async
