#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <optional>
#include <vector>

#include "tls_errors.hpp"
#include "uvimap/async/dns.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls {

namespace {

constexpr std::size_t plaintext_buffer_size = 64 * 1024;
// Encrypt at most this much before handing it to the transport, so a large
// write does not first become one equally large ciphertext buffer.
constexpr std::size_t write_chunk = 64 * 1024;

// Marks a read or write as in progress for the duration of a scope.
class busy_flag {
public:
    explicit busy_flag(bool& flag) noexcept : m_flag(flag) { m_flag = true; }
    ~busy_flag() { m_flag = false; }
    busy_flag(const busy_flag&) = delete;
    busy_flag& operator=(const busy_flag&) = delete;

private:
    bool& m_flag;
};

// Sets up what the certificate must match and what goes out as SNI. Fails
// closed: a name OpenSSL would read as "check nothing" (empty) or cut short
// (an embedded NUL) is refused, and so is any setter that fails.
void expect_peer(SSL* ssl, const std::string& server_name, verify_mode verify) {
    if (server_name.empty() || server_name.find('\0') != std::string::npos) {
        throw error(errc::invalid_state, "a TLS server name must be non-empty and without NUL");
    }
    const std::optional<std::string> ip = async::ip_literal(server_name);
    bool ok = true;
    if (verify == verify_mode::verify_peer) {
        if (ip) {
            ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), ip->c_str()) == 1;
        } else {
            SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            ok = SSL_set1_host(ssl, server_name.c_str()) == 1;
        }
    }
    // RFC 6066 allows only host names in SNI, never address literals.
    if (ok && !ip) {
        ok = SSL_set_tlsext_host_name(ssl, server_name.c_str()) == 1;
    }
    if (!ok) {
        throw error(errc::tls_error, "cannot use '" + server_name +
                                         "' as a TLS server name: " + detail::take_openssl_error());
    }
}

}  // namespace

// `incoming` carries ciphertext from the transport into OpenSSL, `outgoing`
// carries what OpenSSL produced to the transport. OpenSSL itself never sees a
// socket.
//
// Only write(), close() and the handshake send. read() never does: with
// renegotiation refused (see context.cpp) nothing a read makes OpenSSL queue
// is urgent (a TLS 1.3 KeyUpdate answer may wait for our next record), so
// the queued bytes leave with the next write or the close, and a pending read
// and a pending write never compete for the transport.
//
// OpenSSL keeps errors in a per-thread queue that SSL_get_error consults, and
// every connection on the loop shares that thread: the queue is cleared
// before each SSL call and read right after it, never across a co_await.
struct tls_stream::impl {
    std::unique_ptr<async::byte_stream> transport;
    SSL* ssl = nullptr;
    BIO* incoming = nullptr;
    BIO* outgoing = nullptr;
    std::string server_name;
    verify_mode verify = verify_mode::verify_peer;
    std::vector<char> plaintext = std::vector<char>(plaintext_buffer_size);
    std::vector<char> ciphertext;
    bool transport_ended = false;
    bool writing = false;
    bool reading = false;
    bool closed = false;

    ~impl() { SSL_free(ssl); }  // frees both BIOs too

    void check_open() const {
        if (closed) {
            throw error(errc::invalid_state, "TLS stream is closed");
        }
    }

    // Sends whatever OpenSSL has queued for the peer.
    async::task<void> flush() {
        while (const std::size_t pending = BIO_ctrl_pending(outgoing)) {
            ciphertext.resize(pending);
            const int taken = BIO_read(outgoing, ciphertext.data(), static_cast<int>(pending));
            co_await transport->write(
                std::span<const char>(ciphertext.data(), static_cast<std::size_t>(taken)));
        }
    }

    // Moves the next ciphertext from the transport into OpenSSL.
    async::task<void> fill() {
        const std::span<const char> bytes = co_await transport->read();
        if (bytes.empty()) {
            transport_ended = true;
            BIO_set_mem_eof_return(incoming, 0);
            co_return;
        }
        BIO_write(incoming, bytes.data(), static_cast<int>(bytes.size()));
    }

    // The error for a failed SSL_read whose SSL_get_error was `code`.
    error read_failure(int code) {
        const bool got_close_notify = (SSL_get_shutdown(ssl) & SSL_RECEIVED_SHUTDOWN) != 0;
        if (transport_ended && !got_close_notify) {
            ERR_clear_error();
            return error(errc::tls_truncated,
                         server_name + " closed the connection without a TLS close_notify", code);
        }
        return error(errc::tls_error,
                     "TLS read from " + server_name + ": " + detail::take_openssl_error(), code);
    }

    // Runs the handshake; returns the error instead of throwing so that the
    // caller can still send OpenSSL's alert and close the transport.
    async::task<std::optional<error>> handshake() {
        while (true) {
            ERR_clear_error();
            const int result = SSL_do_handshake(ssl);
            const int code = result == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl, result);
            if (code != SSL_ERROR_NONE && code != SSL_ERROR_WANT_READ) {
                co_return detail::handshake_error(ssl, server_name, verify);
            }
            co_await flush();
            if (code == SSL_ERROR_NONE) {
                co_return std::nullopt;
            }
            if (transport_ended) {
                co_return error(errc::tls_handshake_failed,
                                server_name + " closed the connection during the TLS handshake");
            }
            co_await fill();
        }
    }
};

tls_stream::tls_stream(std::unique_ptr<impl> impl) noexcept : m_impl(std::move(impl)) {}
tls_stream::tls_stream(tls_stream&&) noexcept = default;
tls_stream& tls_stream::operator=(tls_stream&&) noexcept = default;
tls_stream::~tls_stream() = default;

tls_stream::impl& tls_stream::state() const {
    if (!m_impl) {
        throw error(errc::invalid_state, "TLS stream was moved from");
    }
    return *m_impl;
}

async::byte_stream& tls_stream::transport() {
    return *state().transport;
}

std::string tls_stream::protocol() const {
    return SSL_get_version(state().ssl);
}

async::task<tls_stream> tls_stream::handshake(std::unique_ptr<async::byte_stream> transport,
                                              const client_context& context,
                                              std::string server_name) {
    auto fresh = std::make_unique<impl>();
    fresh->transport = std::move(transport);
    fresh->server_name = server_name;
    fresh->verify = context.verify();
    fresh->ssl = SSL_new(static_cast<SSL_CTX*>(context.native_handle()));
    if (fresh->ssl == nullptr) {
        throw error(errc::tls_error, "SSL_new: " + detail::take_openssl_error());
    }
    fresh->incoming = BIO_new(BIO_s_mem());
    fresh->outgoing = BIO_new(BIO_s_mem());
    SSL_set_bio(fresh->ssl, fresh->incoming, fresh->outgoing);
    SSL_set_connect_state(fresh->ssl);
    expect_peer(fresh->ssl, server_name, context.verify());

    std::optional<error> failure;
    try {
        failure = co_await fresh->handshake();
        if (failure) {
            // Tell the server why (OpenSSL queued an alert); if it is gone
            // already, the handshake's own error is still the one to report.
            co_await fresh->flush();
        }
    } catch (const error& e) {
        if (!failure) {
            failure = e;
        }
    }
    if (failure) {
        co_await fresh->transport->close();
        throw *failure;
    }
    co_return tls_stream(std::move(fresh));
}

async::task<std::span<const char>> tls_stream::read() {
    impl& tls = state();
    tls.check_open();
    if (tls.reading) {
        throw error(errc::invalid_state, "a read is already pending on this stream");
    }
    const busy_flag busy_reading(tls.reading);

    std::size_t filled = 0;
    while (true) {
        ERR_clear_error();
        const int result = SSL_read(tls.ssl, tls.plaintext.data() + filled,
                                    static_cast<int>(tls.plaintext.size() - filled));
        const int code = result > 0 ? SSL_ERROR_NONE : SSL_get_error(tls.ssl, result);
        if (code == SSL_ERROR_NONE) {
            filled += static_cast<std::size_t>(result);
            if (filled < tls.plaintext.size()) {
                continue;  // take every record already decrypted in one go
            }
            break;
        }
        if (code == SSL_ERROR_ZERO_RETURN) {
            break;  // close_notify: a clean end
        }
        if (code == SSL_ERROR_WANT_READ && filled > 0) {
            break;
        }
        if (code != SSL_ERROR_WANT_READ || tls.transport_ended) {
            throw tls.read_failure(code);
        }
        co_await tls.fill();
    }
    co_return std::span<const char>(tls.plaintext.data(), filled);
}

async::task<void> tls_stream::write(std::span<const char> bytes) {
    impl& tls = state();
    tls.check_open();
    if (tls.writing) {
        throw error(errc::invalid_state, "a write is already pending on this stream");
    }
    const busy_flag busy_writing(tls.writing);
    while (!bytes.empty()) {
        const std::size_t piece = std::min(bytes.size(), write_chunk);
        ERR_clear_error();
        const int result = SSL_write(tls.ssl, bytes.data(), static_cast<int>(piece));
        if (result <= 0) {
            const int code = SSL_get_error(tls.ssl, result);
            throw error(errc::tls_error,
                        "TLS write to " + tls.server_name + ": " + detail::take_openssl_error(),
                        code);
        }
        bytes = bytes.subspan(static_cast<std::size_t>(result));
        co_await tls.flush();
    }
}

async::task<void> tls_stream::close() {
    if (!m_impl) {
        co_return;
    }
    impl& tls = *m_impl;
    if (!tls.closed) {
        tls.closed = true;
        // close_notify needs the transport to itself: while a write is still
        // flushing, closing the transport under it is all that is left.
        if (!tls.transport_ended && !tls.writing) {
            ERR_clear_error();
            SSL_shutdown(tls.ssl);
            ERR_clear_error();  // e.g. "shutdown while in init" after a failure
            try {
                co_await tls.flush();
            } catch (const error&) {
                // The caller asked to close; a peer already gone changes nothing.
            }
        }
    }
    co_await tls.transport->close();
}

async::task<tls_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                                const client_context& context, async::tcp_options options) {
    auto tcp =
        std::make_unique<async::tcp_stream>(co_await async::connect(loop, host, port, options));
    co_return co_await tls_stream::handshake(std::move(tcp), context, host);
}

}  // namespace uvimap::tls
