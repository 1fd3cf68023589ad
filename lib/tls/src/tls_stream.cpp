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
class BusyFlag {
public:
    explicit BusyFlag(bool& flag) noexcept : m_flag(flag) { m_flag = true; }
    ~BusyFlag() { m_flag = false; }
    BusyFlag(const BusyFlag&) = delete;
    BusyFlag& operator=(const BusyFlag&) = delete;

private:
    bool& m_flag;
};

}  // namespace

// `incoming` carries ciphertext from the transport into OpenSSL, `outgoing`
// carries what OpenSSL produced to the transport. OpenSSL itself never sees a
// socket.
struct TlsStream::Impl {
    std::unique_ptr<async::Stream> transport;
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

    ~Impl() { SSL_free(ssl); }  // frees both BIOs too

    void check_open() const {
        if (closed) {
            throw Error(ErrorKind::invalid_state, "TLS stream is closed");
        }
    }

    // Sends whatever OpenSSL has queued for the peer.
    async::Task<void> flush() {
        while (const std::size_t pending = BIO_ctrl_pending(outgoing)) {
            ciphertext.resize(pending);
            const int taken = BIO_read(outgoing, ciphertext.data(), static_cast<int>(pending));
            co_await transport->write(
                std::span<const char>(ciphertext.data(), static_cast<std::size_t>(taken)));
        }
    }

    // Moves the next ciphertext from the transport into OpenSSL.
    async::Task<void> fill() {
        const std::span<const char> bytes = co_await transport->read();
        if (bytes.empty()) {
            transport_ended = true;
            BIO_set_mem_eof_return(incoming, 0);
            co_return;
        }
        BIO_write(incoming, bytes.data(), static_cast<int>(bytes.size()));
    }

    Error read_failure(int result) {
        const int code = SSL_get_error(ssl, result);
        const bool got_close_notify = (SSL_get_shutdown(ssl) & SSL_RECEIVED_SHUTDOWN) != 0;
        if (transport_ended && !got_close_notify) {
            ERR_clear_error();
            return Error(ErrorKind::tls_truncated,
                         server_name + " closed the connection without a TLS close_notify", code);
        }
        return Error(ErrorKind::tls_error,
                     "TLS read from " + server_name + ": " + detail::take_openssl_error(), code);
    }
};

TlsStream::TlsStream(std::unique_ptr<Impl> impl) noexcept : m_impl(std::move(impl)) {}
TlsStream::TlsStream(TlsStream&&) noexcept = default;
TlsStream& TlsStream::operator=(TlsStream&&) noexcept = default;
TlsStream::~TlsStream() = default;

async::Stream& TlsStream::transport() noexcept {
    return *m_impl->transport;
}

std::string TlsStream::protocol() const {
    return SSL_get_version(m_impl->ssl);
}

async::Task<TlsStream> TlsStream::handshake(std::unique_ptr<async::Stream> transport,
                                            const Context& context, std::string server_name) {
    auto impl = std::make_unique<Impl>();
    impl->transport = std::move(transport);
    impl->server_name = server_name;
    impl->ssl = SSL_new(static_cast<SSL_CTX*>(context.native_handle()));
    if (impl->ssl == nullptr) {
        throw Error(ErrorKind::tls_error, "SSL_new: " + detail::take_openssl_error());
    }
    impl->incoming = BIO_new(BIO_s_mem());
    impl->outgoing = BIO_new(BIO_s_mem());
    SSL_set_bio(impl->ssl, impl->incoming, impl->outgoing);
    SSL_set_connect_state(impl->ssl);

    if (context.verification() == Verification::verify_peer) {
        if (is_ip_literal(server_name)) {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(impl->ssl), server_name.c_str());
        } else {
            SSL_set_hostflags(impl->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            SSL_set1_host(impl->ssl, server_name.c_str());
        }
    }
    if (!is_ip_literal(server_name)) {
        SSL_set_tlsext_host_name(impl->ssl, server_name.c_str());
    }

    while (true) {
        const int result = SSL_do_handshake(impl->ssl);
        co_await impl->flush();
        if (result == 1) {
            break;
        }
        if (SSL_get_error(impl->ssl, result) != SSL_ERROR_WANT_READ) {
            throw detail::handshake_error(impl->ssl, server_name);
        }
        if (impl->transport_ended) {
            throw Error(ErrorKind::tls_handshake_failed,
                        server_name + " closed the connection during the TLS handshake");
        }
        co_await impl->fill();
    }
    co_return TlsStream(std::move(impl));
}

async::Task<std::span<const char>> TlsStream::read() {
    Impl& tls = *m_impl;
    tls.check_open();
    if (tls.reading) {
        throw Error(ErrorKind::invalid_state, "a read is already pending on this stream");
    }
    const BusyFlag busy_reading(tls.reading);

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
        const BusyFlag busy_writing(tls.writing);
        co_await tls.flush();
    }
    co_return std::span<const char>(tls.plaintext.data(), filled);
}

async::Task<void> TlsStream::write(std::span<const char> bytes) {
    Impl& tls = *m_impl;
    tls.check_open();
    if (tls.writing) {
        throw Error(ErrorKind::invalid_state, "a write is already pending on this stream");
    }
    const BusyFlag busy_writing(tls.writing);
    while (!bytes.empty()) {
        const std::size_t piece = std::min(bytes.size(), write_chunk);
        const int result = SSL_write(tls.ssl, bytes.data(), static_cast<int>(piece));
        if (result <= 0) {
            throw Error(ErrorKind::tls_error,
                        "TLS write to " + tls.server_name + ": " + detail::take_openssl_error(),
                        SSL_get_error(tls.ssl, result));
        }
        bytes = bytes.subspan(static_cast<std::size_t>(result));
        co_await tls.flush();
    }
}

async::Task<void> TlsStream::close() {
    if (!m_impl) {
        co_return;
    }
    Impl& tls = *m_impl;
    if (!tls.closed) {
        tls.closed = true;
        // A failing close_notify must not keep the transport open, and the
        // caller asked to close, so a send error here is not worth reporting.
        bool send_close_notify = !tls.transport_ended && !tls.writing;
        if (send_close_notify) {
            SSL_shutdown(tls.ssl);
            try {
                co_await tls.flush();
            } catch (const Error&) {
            }
        }
    }
    co_await tls.transport->close();
}

async::Task<TlsStream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                               const Context& context, async::TcpOptions options) {
    auto tcp =
        std::make_unique<async::TcpStream>(co_await async::connect(loop, host, port, options));
    co_return co_await TlsStream::handshake(std::move(tcp), context, host);
}

}  // namespace uvimap::tls
