#include "handle_box.hpp"
#include "tcp_box.hpp"
#include "uvimap/async/error.hpp"

namespace uvimap::async {

namespace detail {

// An accept waiting for a peer; lives in the accepting coroutine's frame.
struct accept_wait {
    suspension wake;
    bool closed = false;
};

// libuv calls on_connection when a peer is waiting. If nobody accepts at that
// moment libuv pauses the listening socket until uv_accept is called, so one
// flag is enough to remember the waiting peer.
class listener_box final : public handle_box<uv_tcp_t> {
public:
    accept_wait* accepter = nullptr;
    bool peer_waiting = false;
    int status = 0;
    tcp_options options;

    static void on_connection(uv_stream_t* raw, int result) noexcept {
        auto& box = static_cast<listener_box&>(*from(raw->data));
        box.peer_waiting = true;
        box.status = result;
        if (accept_wait* wait = std::exchange(box.accepter, nullptr)) {
            wait->wake.complete();
        }
    }

private:
    void collect_stranded(std::vector<suspension*>& stranded) noexcept override {
        if (accept_wait* wait = std::exchange(accepter, nullptr)) {
            wait->closed = true;
            stranded.push_back(&wait->wake);
        }
    }
};

}  // namespace detail

tcp_listener::tcp_listener(uv_loop_t* loop, const std::string& ip, std::uint16_t port,
                           tcp_options options)
    : m_box(new detail::listener_box()) {
    m_box->options = options;
    int status = uv_tcp_init(loop, &m_box->handle);
    if (status < 0) {
        delete m_box;
        throw uv_error(errc::io_error, "uv_tcp_init", status);
    }
    m_box->mark_initialized();
    sockaddr_storage address{};
    status = ip.find(':') != std::string::npos
                 ? uv_ip6_addr(ip.c_str(), port, reinterpret_cast<sockaddr_in6*>(&address))
                 : uv_ip4_addr(ip.c_str(), port, reinterpret_cast<sockaddr_in*>(&address));
    if (status == 0) {
        status = uv_tcp_bind(&m_box->handle, reinterpret_cast<const sockaddr*>(&address), 0);
    }
    if (status == 0) {
        status = uv_listen(reinterpret_cast<uv_stream_t*>(&m_box->handle), 4096,
                           &detail::listener_box::on_connection);
    }
    if (status < 0) {
        m_box->release();
        throw uv_error(errc::io_error, "listen on " + ip + ":" + std::to_string(port), status);
    }
}

tcp_listener::~tcp_listener() {
    m_box->release();
}

std::uint16_t tcp_listener::port() const {
    sockaddr_storage storage{};
    int length = sizeof storage;
    uv_tcp_getsockname(&m_box->handle, reinterpret_cast<sockaddr*>(&storage), &length);
    return socket_address(reinterpret_cast<const sockaddr*>(&storage)).port();
}

task<tcp_stream> tcp_listener::accept() {
    if (m_box->is_closing()) {
        throw error(errc::invalid_state, "listener is closed");
    }
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    if (!m_box->peer_waiting) {
        if (m_box->accepter != nullptr) {
            throw error(errc::invalid_state, "an accept is already pending on this listener");
        }
        detail::accept_wait wait;
        m_box->accepter = &wait;
        detail::listener_box* box = m_box;
        const auto outcome = co_await wait.wake.wait(token, [box] { box->accepter = nullptr; });
        // After a close the listener (and `this`) may be gone: look only at
        // the wait, which lives in this frame.
        if (wait.closed) {
            throw error(errc::connection_aborted,
                        "the listener was closed while an accept was pending");
        }
        if (m_box->accepter == &wait) {
            m_box->accepter = nullptr;  // ended before it began to wait
        }
        if (outcome == detail::suspension::outcome::cancelled) {
            throw error(errc::cancelled, "accept cancelled");
        }
    }
    m_box->peer_waiting = false;
    if (m_box->status < 0) {
        if (detail::is_out_of_descriptors(m_box->status)) {
            throw detail::descriptor_error("accept", m_box->status);
        }
        throw uv_error(errc::io_error, "accept", m_box->status);
    }
    tcp_stream peer(new detail::tcp_box(m_box->handle.loop, m_box->options));
    const int status =
        uv_accept(reinterpret_cast<uv_stream_t*>(&m_box->handle), peer.m_box->stream());
    if (status < 0) {
        if (detail::is_out_of_descriptors(status)) {
            throw detail::descriptor_error("accept", status);
        }
        throw uv_error(errc::io_error, "accept", status);
    }
    peer.m_box->configure();
    co_return peer;
}

task<void> tcp_listener::close() {
    co_await m_box->close();
}

}  // namespace uvimap::async
