#include <algorithm>
#include <array>
#include <cstring>

#include "tcp_box.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/fd_limit.hpp"

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
    if (options.keepalive) {
        const auto seconds = std::max<std::chrono::seconds::rep>(options.keepalive->count(), 1);
        uv_tcp_keepalive(&handle, 1, static_cast<unsigned>(seconds));
    }
}

int tcp_box::start_read(read_wait& wait) noexcept {
    reader = &wait;
    const int status = uv_read_start(stream(), &tcp_box::on_alloc, &tcp_box::on_read);
    if (status < 0) {
        reader = nullptr;
    }
    return status;
}

void tcp_box::stop_read() noexcept {
    uv_read_stop(stream());
    reader = nullptr;
}

void tcp_box::collect_stranded(std::vector<suspension*>& stranded) noexcept {
    if (read_wait* wait = std::exchange(reader, nullptr)) {
        wait->result = read_wait::closed_while_reading;
        try {
            wait->aborted_because = abort_reason;
        } catch (...) {
            // Only the message gets shorter.
        }
        stranded.push_back(&wait->wake);
    }
}

void tcp_box::on_alloc(uv_handle_t* raw, std::size_t, uv_buf_t* out) noexcept {
    tcp_box& box = of(raw);
    std::span<char> target = box.reader != nullptr ? box.reader->target : std::span<char>{};
    if (target.empty()) {
        if (!box.own_buffer) {
            box.own_buffer.reset(new (std::nothrow) char[box.options.read_buffer_size]);
        }
        if (box.own_buffer) {
            target = std::span<char>(box.own_buffer.get(), box.options.read_buffer_size);
        }
    }
    // An empty buffer makes libuv report UV_ENOBUFS to on_read.
    *out = uv_buf_init(target.data(),
                       static_cast<unsigned>(std::min<std::size_t>(target.size(), 1u << 30)));
}

void tcp_box::on_read(uv_stream_t* raw, ssize_t nread, const uv_buf_t*) noexcept {
    if (nread == 0) {
        return;  // EAGAIN: libuv gave the buffer back unused.
    }
    tcp_box& box = of(reinterpret_cast<uv_handle_t*>(raw));
    // Reading is started per read, so bytes only come in while a reader
    // waits: this is what applies backpressure to the peer.
    uv_read_stop(raw);
    read_wait* wait = std::exchange(box.reader, nullptr);
    if (wait == nullptr) {
        return;
    }
    wait->result = nread;
    wait->wake.complete();
}

bool is_out_of_descriptors(int uv_status) noexcept {
    return uv_status == UV_EMFILE || uv_status == UV_ENFILE;
}

error descriptor_error(std::string_view operation, int uv_status) {
    const open_file_limit limit = current_open_file_limit();
    std::string message(operation);
    message += ": ";
    message += uv_strerror(uv_status);
    message += uv_status == UV_EMFILE ? " (this process may have "
                                      : " (the system limit; this "
                                        "process may have ";
    message += std::to_string(limit.soft) + " open at most, hard limit " +
               std::to_string(limit.hard) + ")";
    return error(errc::too_many_open_files, message, uv_status);
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
        if (m_box->abort_reason.empty()) {
            m_box->abort_reason = "the stream was destroyed";
        }
        m_box->release();
    }
}

detail::tcp_box& tcp_stream::box() const {
    if (m_box == nullptr) {
        throw error(errc::invalid_state, "TCP stream was moved from");
    }
    if (m_box->is_closing()) {
        if (!m_box->abort_reason.empty()) {
            throw error(errc::connection_aborted, "TCP stream closed: " + m_box->abort_reason);
        }
        throw error(errc::invalid_state, "TCP stream is closed");
    }
    return *m_box;
}

uv_loop_t* tcp_stream::loop() const noexcept {
    return m_box != nullptr ? m_box->handle.loop : nullptr;
}

int tcp_stream::native_handle() const noexcept {
    uv_os_fd_t fd = -1;
    if (m_box == nullptr || m_box->is_closing() ||
        uv_fileno(reinterpret_cast<const uv_handle_t*>(&m_box->handle), &fd) != 0) {
        return -1;
    }
    return fd;
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

errc write_error_code(int status) {
    return status == UV_EPIPE || status == UV_ECONNRESET ? errc::connection_lost : errc::io_error;
}

error read_error(const detail::read_wait& wait) {
    if (wait.result == detail::read_wait::closed_while_reading) {
        return error(
            errc::connection_aborted,
            "the stream was closed while a read was pending" +
                (wait.aborted_because.empty() ? std::string() : ": " + wait.aborted_because));
    }
    const int code = static_cast<int>(wait.result);
    if (code == UV_ECONNRESET || code == UV_EPIPE || code == UV_ETIMEDOUT) {
        return uv_error(errc::connection_lost, "read", code);
    }
    return uv_error(errc::io_error, "read", code);
}

// uv_buf_t takes at most 4 GiB; pieces are cut to 1 GiB to stay clear of it.
constexpr std::size_t max_buf = std::size_t{1} << 30;

// The pieces of a gather write as libuv buffers, without allocating for the
// usual handful of pieces.
class buf_list {
public:
    explicit buf_list(std::span<const std::span<const char>> pieces) {
        for (std::span<const char> piece : pieces) {
            while (!piece.empty()) {
                const std::size_t take = std::min(piece.size(), max_buf);
                push(uv_buf_init(const_cast<char*>(piece.data()), static_cast<unsigned>(take)));
                piece = piece.subspan(take);
            }
        }
    }

    uv_buf_t* data() noexcept {
        return m_heap.empty() ? m_inline.data() + m_first : m_heap.data() + m_first;
    }
    unsigned count() const noexcept { return static_cast<unsigned>(m_size - m_first); }
    bool empty() const noexcept { return m_first == m_size; }

    // Drops the first `n` bytes (what the socket already took).
    void consume(std::size_t n) noexcept {
        while (n > 0 && !empty()) {
            uv_buf_t& first = data()[0];
            if (n < first.len) {
                first.base += n;
                first.len -= static_cast<unsigned>(n);
                return;
            }
            n -= first.len;
            ++m_first;
        }
    }

private:
    void push(uv_buf_t buf) {
        if (m_heap.empty() && m_size < m_inline.size()) {
            m_inline[m_size++] = buf;
            return;
        }
        if (m_heap.empty()) {
            m_heap.assign(m_inline.begin(), m_inline.begin() + static_cast<long>(m_size));
        }
        m_heap.push_back(buf);
        ++m_size;
    }

    std::array<uv_buf_t, 8> m_inline{};
    std::vector<uv_buf_t> m_heap;
    std::size_t m_size = 0;
    std::size_t m_first = 0;
};

struct write_request : detail::request_awaiter<uv_write_t> {
    detail::tcp_box& tcp;
    buf_list& bufs;
    write_request(detail::tcp_box& box, buf_list& list) : tcp(box), bufs(list) {}
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        return suspend_with(h, [this] {
            return uv_write(&request, tcp.stream(), bufs.data(), bufs.count(), &on_write);
        });
    }
    static void on_write(uv_write_t* raw, int result) noexcept { on_done(raw, result); }
};

struct shutdown_request : detail::request_awaiter<uv_shutdown_t> {
    detail::tcp_box& tcp;
    explicit shutdown_request(detail::tcp_box& box) : tcp(box) {}
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        return suspend_with(h,
                            [this] { return uv_shutdown(&request, tcp.stream(), &on_shutdown); });
    }
    static void on_shutdown(uv_shutdown_t* raw, int result) noexcept { on_done(raw, result); }
};

}  // namespace

task<std::size_t> tcp_stream::read_some(std::span<char> caller_buffer) {
    detail::tcp_box& tcp = box();
    if (tcp.reader != nullptr) {
        throw error(errc::invalid_state, "a read is already pending on this stream");
    }
    // The previous read()'s bytes are dead now: give the buffer back, so a
    // connection that waits for its peer holds no receive buffer.
    tcp.own_buffer.reset();
    if (tcp.at_eof) {
        co_return 0;
    }
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    detail::read_wait wait;
    wait.target = caller_buffer;
    const int started = tcp.start_read(wait);
    if (started < 0) {
        throw uv_error(errc::io_error, "read", started);
    }
    // The box may be gone after the wait (the stream destroyed under a
    // stranded read): look only at `wait` until the result is known good.
    const auto outcome = co_await wait.wake.wait(token, [&tcp] { tcp.stop_read(); });
    if (outcome == detail::suspension::outcome::cancelled) {
        throw error(errc::cancelled, "read cancelled", UV_ECANCELED);
    }
    if (wait.result == UV_EOF) {
        tcp.at_eof = true;
        co_return 0;
    }
    if (wait.result < 0) {
        throw read_error(wait);
    }
    co_return static_cast<std::size_t>(wait.result);
}

task<std::span<const char>> tcp_stream::read() {
    const std::span<char> own_buffer;  // empty: read into the stream's buffer
    const std::size_t count = co_await read_some(own_buffer);
    if (count == 0) {
        co_return std::span<const char>{};
    }
    co_return std::span<const char>(m_box->own_buffer.get(), count);
}

task<std::size_t> tcp_stream::read_into(std::span<char> buffer) {
    if (buffer.empty()) {
        throw error(errc::invalid_state, "read_into needs a buffer that is not empty");
    }
    co_return co_await read_some(buffer);
}

task<void> tcp_stream::write(std::span<const char> bytes) {
    co_await write_gather(std::span<const std::span<const char>>(&bytes, 1));
}

task<void> tcp_stream::write_gather(std::span<const std::span<const char>> pieces) {
    detail::tcp_box& tcp = box();
    if (tcp.writing) {
        throw error(errc::invalid_state, "a write is already pending on this stream");
    }
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();

    buf_list bufs(pieces);
    // Try the socket directly first: most IMAP commands fit in the kernel
    // buffer and need no write request at all.
    if (!bufs.empty()) {
        const int written = uv_try_write(tcp.stream(), bufs.data(), bufs.count());
        if (written < 0 && written != UV_EAGAIN && written != UV_ENOSYS) {
            throw uv_error(write_error_code(written), "write", written);
        }
        bufs.consume(written > 0 ? static_cast<std::size_t>(written) : 0);
    }
    if (bufs.empty()) {
        co_return;
    }

    tcp.writing = true;
    int status = 0;
    bool cancelled = false;
    {
        cancellation_registration on_cancel(token, [&tcp, &cancelled] {
            cancelled = true;
            tcp.abort_reason = "a write was cancelled";
            tcp.begin_close();
        });
        status = co_await write_request(tcp, bufs);
    }
    // After a close the box may be gone; only look at it when the write
    // completed normally (it then still holds the handle).
    if (status == UV_ECANCELED) {
        if (cancelled) {
            throw error(errc::cancelled, "write cancelled; the stream was closed", status);
        }
        throw error(errc::connection_aborted, "the stream was closed while a write was pending",
                    status);
    }
    tcp.writing = false;
    if (status < 0) {
        throw uv_error(write_error_code(status), "write", status);
    }
}

std::size_t tcp_stream::try_write(std::span<const char> bytes) noexcept {
    if (m_box == nullptr || m_box->is_closing() || m_box->writing || bytes.empty()) {
        return 0;
    }
    uv_buf_t buf = uv_buf_init(const_cast<char*>(bytes.data()),
                               static_cast<unsigned>(std::min(bytes.size(), max_buf)));
    const int written = uv_try_write(m_box->stream(), &buf, 1);
    return written > 0 ? static_cast<std::size_t>(written) : 0;
}

void tcp_stream::abort(std::string_view reason) noexcept {
    if (m_box == nullptr || m_box->is_closing()) {
        return;
    }
    try {
        m_box->abort_reason = reason;
    } catch (...) {
        // Only the message gets shorter.
    }
    m_box->begin_close();
}

task<void> tcp_stream::shutdown() {
    detail::tcp_box& tcp = box();
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    int status = 0;
    {
        // As with write: the only way to abort a shutdown waiting on a slow
        // peer is to close the stream; libuv then reports UV_ECANCELED.
        cancellation_registration on_cancel(token, [&tcp] {
            tcp.abort_reason = "a shutdown was cancelled";
            tcp.begin_close();
        });
        status = co_await shutdown_request(tcp);
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
