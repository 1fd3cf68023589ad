#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <climits>
#include <vector>

#include "tls_errors.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls {

namespace {

constexpr std::size_t plaintext_buffer_size = 64 * 1024;
// Encrypt at most this much before handing it to the transport, so a large
// write does not first become one equally large ciphertext buffer.
constexpr std::size_t write_chunk = 64 * 1024;

bool is_ip_literal(const std::string& name) {
    unsigned char address[sizeof(in6_addr)];
    return inet_pton(AF_INET, name.c_str(), address) == 1 ||
           inet_pton(AF_INET6, name.c_str(), address) == 1;
}

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

}  // namespace

// `incoming` carries ciphertext from the transport into OpenSSL, `outgoing`
// carries what OpenSSL produced to the transport. OpenSSL itself never sees a
// socket.
struct tls_stream::impl {
    std::unique_ptr<async::byte_stream> transport;
    SSL* ssl = nullptr;
    BIO* incoming = nullptr;
    BIO* outgoing = nullptr;
    std::string server_name;
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

    error read_failure(int result) {
        const int code = SSL_get_error(ssl, result);
        const bool got_close_notify = (SSL_get_shutdown(ssl) & SSL_RECEIVED_SHUTDOWN) != 0;
        if (transport_ended && !got_close_notify) {
            ERR_clear_error();
            return error(errc::tls_truncated,
                         server_name + " closed the connection without a TLS close_notify", code);
        }
        return error(errc::tls_error,
                     "TLS read from " + server_name + ": " + detail::take_openssl_error(), code);
    }
};

tls_stream::tls_stream(std::unique_ptr<impl> impl) noexcept : m_impl(std::move(impl)) {}
tls_stream::tls_stream(tls_stream&&) noexcept = default;
tls_stream& tls_stream::operator=(tls_stream&&) noexcept = default;
tls_stream::~tls_stream() = default;

async::byte_stream& tls_stream::transport() noexcept {
    return *m_impl->transport;
}

std::string tls_stream::protocol() const {
    return SSL_get_version(m_impl->ssl);
}

async::task<tls_stream> tls_stream::handshake(std::unique_ptr<async::byte_stream> transport,
                                              const client_context& context,
                                              std::string server_name) {
    auto fresh = std::make_unique<impl>();
    fresh->transport = std::move(transport);
    fresh->server_name = server_name;
    fresh->ssl = SSL_new(static_cast<SSL_CTX*>(context.native_handle()));
    if (fresh->ssl == nullptr) {
        throw error(errc::tls_error, "SSL_new: " + detail::take_openssl_error());
    }
    fresh->incoming = BIO_new(BIO_s_mem());
    fresh->outgoing = BIO_new(BIO_s_mem());
    SSL_set_bio(fresh->ssl, fresh->incoming, fresh->outgoing);
    SSL_set_connect_state(fresh->ssl);

    if (context.verify() == verify_mode::verify_peer) {
        if (is_ip_literal(server_name)) {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(fresh->ssl), server_name.c_str());
        } else {
            SSL_set_hostflags(fresh->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            SSL_set1_host(fresh->ssl, server_name.c_str());
        }
    }
    if (!is_ip_literal(server_name)) {
        SSL_set_tlsext_host_name(fresh->ssl, server_name.c_str());
    }

    while (true) {
        const int result = SSL_do_handshake(fresh->ssl);
        co_await fresh->flush();
        if (result == 1) {
            break;
        }
        if (SSL_get_error(fresh->ssl, result) != SSL_ERROR_WANT_READ) {
            throw detail::handshake_error(fresh->ssl, server_name);
        }
        if (fresh->transport_ended) {
            throw error(errc::tls_handshake_failed,
                        server_name + " closed the connection during the TLS handshake");
        }
        co_await fresh->fill();
    }
    co_return tls_stream(std::move(fresh));
}

async::task<std::span<const char>> tls_stream::read() {
    impl& tls = *m_impl;
    tls.check_open();
    if (tls.reading) {
        throw error(errc::invalid_state, "a read is already pending on this stream");
    }
    const busy_flag busy_reading(tls.reading);

    std::size_t filled = 0;
    while (true) {
        const int result = SSL_read(tls.ssl, tls.plaintext.data() + filled,
                                    static_cast<int>(tls.plaintext.size() - filled));
        if (result > 0) {
            filled += static_cast<std::size_t>(result);
            if (filled < tls.plaintext.size()) {
                continue;  // take every record already decrypted in one go
            }
            break;
        }
        const int code = SSL_get_error(tls.ssl, result);
        if (code == SSL_ERROR_ZERO_RETURN) {
            break;  // close_notify: a clean end
        }
        if (code == SSL_ERROR_WANT_READ && filled > 0) {
            break;
        }
        if (code != SSL_ERROR_WANT_READ || tls.transport_ended) {
            throw tls.read_failure(result);
        }
        co_await tls.fill();
    }
    // Reading can make OpenSSL queue records of its own (alerts, key
    // updates). A pending write flushes them anyway; otherwise do it here.
    if (!tls.writing && BIO_ctrl_pending(tls.outgoing) > 0) {
        const busy_flag busy_writing(tls.writing);
        co_await tls.flush();
    }
    co_return std::span<const char>(tls.plaintext.data(), filled);
}

async::task<void> tls_stream::write(std::span<const char> bytes) {
    impl& tls = *m_impl;
    tls.check_open();
    if (tls.writing) {
        throw error(errc::invalid_state, "a write is already pending on this stream");
    }
    const busy_flag busy_writing(tls.writing);
    while (!bytes.empty()) {
        const std::size_t piece = std::min(bytes.size(), write_chunk);
        const int result = SSL_write(tls.ssl, bytes.data(), static_cast<int>(piece));
        if (result <= 0) {
            throw error(errc::tls_error,
                        "TLS write to " + tls.server_name + ": " + detail::take_openssl_error(),
                        SSL_get_error(tls.ssl, result));
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
        // A failing close_notify must not keep the transport open, and the
        // caller asked to close, so a send error here is not worth reporting.
        bool send_close_notify = !tls.transport_ended && !tls.writing;
        if (send_close_notify) {
            SSL_shutdown(tls.ssl);
            try {
                co_await tls.flush();
            } catch (const error&) {
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
