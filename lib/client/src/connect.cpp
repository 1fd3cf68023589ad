// client::connect and the client's lifetime.

#include "connection.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/run.hpp"
#include "uvimap/async/timer.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::client {

namespace {

std::uint16_t port_of(const options& opts) {
    if (opts.port != 0) {
        return opts.port;
    }
    return opts.mode == security::implicit_tls ? 993 : 143;
}

void check_options(const options& opts) {
    if (opts.mode == security::plain && !opts.allow_plaintext) {
        throw error(errc::insecure,
                    "a connection without TLS needs options::allow_plaintext, set on purpose");
    }
    if (opts.mode != security::plain && opts.tls == nullptr) {
        throw error(async::errc::invalid_state, "options::tls must point to a tls::client_context");
    }
}

async::task<std::unique_ptr<async::byte_stream>> open_transport(uv_loop_t* loop,
                                                                const std::string& host,
                                                                std::uint16_t port,
                                                                const options& opts) {
    auto tcp =
        std::make_unique<async::tcp_stream>(co_await async::connect(loop, host, port, opts.tcp));
    if (opts.mode != security::implicit_tls) {
        co_return tcp;
    }
    co_return std::make_unique<tls::tls_stream>(
        co_await tls::tls_stream::handshake(std::move(tcp), *opts.tls, host, port));
}

// Says which part of the opening was too slow, and the likely mistake: a
// port that expects TLS at once is silent to a client that waits for a
// plain greeting.
std::string greeting_timeout_message(const detail::connection& c) {
    const std::string within = " within " + std::to_string(c.opts.greeting_timeout.count()) + " ms";
    if (c.greeted) {
        return c.host + " did not complete STARTTLS" + within;
    }
    return c.host + " sent no greeting" + within +
           (c.opts.mode == security::implicit_tls
                ? ""
                : " (a port that expects TLS at once, such as 993, says nothing until the "
                  "client starts TLS)");
}

}  // namespace

async::task<client> client::connect(uv_loop_t* loop, std::string host, options opts) {
    check_options(opts);
    const std::uint16_t port = port_of(opts);
    auto conn = std::make_shared<detail::connection>(loop, host, port, opts);
    conn->transport = co_await async::with_timeout(loop, opts.connect_timeout,
                                                   open_transport(loop, host, port, opts));
    conn->secure = opts.mode == security::implicit_tls;
    std::exception_ptr failure;
    try {
        co_await async::with_timeout(loop, opts.greeting_timeout, conn->greet());
    } catch (const error& e) {
        failure = e.code() == async::errc::timed_out
                      ? std::make_exception_ptr(error(e.code(), greeting_timeout_message(*conn)))
                      : std::current_exception();
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        co_await conn->transport->close();
        std::rethrow_exception(failure);
    }
    conn->started = true;
    async::spawn(detail::connection::run_background(conn), [](std::exception_ptr) {
        // run_background catches what it can; the connection's failure is
        // what callers see.
    });
    co_return client(std::move(conn));
}

client::client(std::shared_ptr<detail::connection> connection) noexcept
    : m_connection(std::move(connection)) {}
client::client(client&&) noexcept = default;

client& client::operator=(client&& other) noexcept {
    if (this != &other) {
        if (m_connection && !m_connection->closing) {
            m_connection->abort(std::make_exception_ptr(
                error(async::errc::connection_aborted, "the client was replaced")));
        }
        m_connection = std::move(other.m_connection);
    }
    return *this;
}

client::~client() {
    if (m_connection && !m_connection->closing) {
        m_connection->abort(std::make_exception_ptr(
            error(async::errc::connection_aborted, "the client was destroyed")));
    }
}

detail::connection& client::conn() const {
    if (!m_connection) {
        throw error(async::errc::invalid_state, "the client was moved from");
    }
    return *m_connection;
}

namespace detail {

async::task<void> close_connection(std::shared_ptr<connection> c) {
    c->abort(std::make_exception_ptr(
        error(errc::closed, "the connection to " + c->host + " was closed by the application")));
    co_await c->finished.wait();
}

}  // namespace detail

async::task<void> client::close() {
    if (!m_connection) {
        return []() -> async::task<void> { co_return; }();
    }
    return detail::close_connection(m_connection);
}

bool client::is_open() const noexcept {
    return m_connection && !m_connection->closing;
}

bool client::is_secure() const noexcept {
    return m_connection && m_connection->secure;
}

session::connection_state client::state() const noexcept {
    return m_connection ? m_connection->protocol.state() : session::connection_state::failed;
}

const session::mailbox_view& client::mailbox() const {
    return conn().protocol.mailbox();
}

const std::string& client::greeting() const {
    return conn().greeting_text;
}

uv_loop_t* client::loop() const {
    return conn().loop;
}

traffic_counts client::traffic() const noexcept {
    return m_connection ? m_connection->traffic : traffic_counts{};
}

}  // namespace uvimap::client
