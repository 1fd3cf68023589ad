#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <optional>
#include <string>
#include <vector>

#include "channel_bio.hpp"
#include "context_state.hpp"
#include "tls_errors.hpp"
#include "uvimap/async/dns.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls {

namespace {

using async::errc::connection_aborted;
using async::errc::invalid_state;

// read()'s plaintext buffer: allocated once bytes are there to decrypt and
// given back at the next read().
constexpr std::size_t plaintext_buffer_size = 32 * 1024;
// Encrypt at most this much before handing it to the transport, so a large
// write does not first become one equally large ciphertext buffer.
constexpr std::size_t write_chunk = 64 * 1024;
// Gather writes up to this size are joined before encryption: one record
// instead of one per piece.
constexpr std::size_t join_limit = 16 * 1024;
// Ciphertext buffers bigger than this are given back after a flush.
constexpr std::size_t keep_capacity = 4 * 1024;

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

void release_if_large(std::vector<char>& buffer) {
    buffer.clear();
    if (buffer.capacity() > keep_capacity) {
        std::vector<char>().swap(buffer);
    }
}

// Sets up what the certificate must match and what goes out as SNI. Fails
// closed: a name OpenSSL would read as "check nothing" (empty) or cut short
// (an embedded NUL) is refused, and so is any setter that fails.
void expect_peer(SSL* ssl, const std::string& server_name, verify_mode verify) {
    if (server_name.empty() || server_name.find('\0') != std::string::npos) {
        throw error(invalid_state, "a TLS server name must be non-empty and without NUL");
    }
    const std::optional<std::string> ip = async::ip_literal(server_name);
    bool ok = true;
    if (verify == verify_mode::verify_peer) {
        if (ip) {
            ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), ip->c_str()) == 1;
        } else {
            // No fall-back to the subject's common name (RFC 6125 §6.4.4):
            // a certificate names its hosts in subjectAltName or not at all.
            SSL_set_hostflags(
                ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
            ok = SSL_set1_host(ssl, server_name.c_str()) == 1;
        }
    }
    // RFC 6066 allows only host names in SNI, never address literals.
    if (ok && !ip) {
        ok = SSL_set_tlsext_host_name(ssl, server_name.c_str()) == 1;
    }
    if (!ok) {
        throw error(errc::setup_failed, "cannot use '" + server_name + "' as a TLS server name: " +
                                            detail::take_openssl_error());
    }
}

}  // namespace

// OpenSSL never sees a socket: `io` carries ciphertext between it and the
// transport (channel_bio.hpp).
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
//
// Every operation holds a shared_ptr to its impl for as long as it runs, so
// the stream may be destroyed (or moved) while a read or write is pending.
struct tls_stream::impl {
    std::unique_ptr<async::byte_stream> transport;
    std::shared_ptr<client_context::state> context;
    SSL* ssl = nullptr;
    detail::channel io;
    std::string server_name;
    std::string session_key;  // "name:port"; empty when not resuming
    verify_mode verify = verify_mode::verify_peer;
    // What a flush is writing to the transport now; `io.outgoing` collects
    // what OpenSSL produces meanwhile.
    std::vector<char> sending;
    std::unique_ptr<char[]> plaintext;
    bool writing = false;
    bool reading = false;
    bool closed = false;
    bool closed_by_owner = false;  // close() was called
    bool heard_from_peer = false;  // any byte received at all
    // Why the stream was closed under its operations, for their errors.
    std::string closed_because;

    ~impl() { SSL_free(ssl); }  // frees the BIO too

    void check_open() const {
        if (closed) {
            if (!closed_by_owner && !closed_because.empty()) {
                throw error(connection_aborted, "TLS stream closed: " + closed_because);
            }
            throw error(invalid_state, "TLS stream is closed");
        }
    }

    // Closes at once; pending operations fail with connection_aborted.
    void abort(std::string_view reason) noexcept {
        if (!closed) {
            closed = true;
            try {
                closed_because = reason;
            } catch (...) {
            }
        }
        transport->abort(reason);
    }

    // Sends whatever OpenSSL has queued for the peer. A failure closes the
    // stream: the records already made cannot be sent later in order.
    async::task<void> flush() {
        try {
            while (!io.outgoing.empty()) {
                sending.swap(io.outgoing);
                co_await transport->write(sending);
                release_if_large(sending);
            }
            release_if_large(io.outgoing);
        } catch (const error& failure) {
            abort(std::string("a TLS write failed (") + failure.what() + ")");
            throw;
        }
    }

    // Waits for the next ciphertext from the transport.
    async::task<void> fill() {
        std::span<const char> bytes;
        try {
            bytes = co_await transport->read();
        } catch (const error& failure) {
            if (closed && failure.code() == connection_aborted) {
                throw error(connection_aborted,
                            "TLS stream closed while a read was pending: " +
                                (closed_because.empty() ? std::string("closed") : closed_because));
            }
            throw;
        }
        io.incoming = bytes;
        io.incoming_ended = bytes.empty();
        heard_from_peer = heard_from_peer || !bytes.empty();
    }

    bool has_input() const {
        return !io.incoming.empty() || io.incoming_ended || SSL_has_pending(ssl) == 1;
    }

    // The error for a failed SSL_read whose SSL_get_error was `code`.
    error read_failure(int code) {
        const bool got_close_notify = (SSL_get_shutdown(ssl) & SSL_RECEIVED_SHUTDOWN) != 0;
        if (io.incoming_ended && !got_close_notify) {
            ERR_clear_error();
            return error(errc::truncated,
                         server_name + " closed the connection without a TLS close_notify", code);
        }
        return error(errc::protocol_error,
                     "TLS read from " + server_name + ": " + detail::take_openssl_error(), code);
    }

    // Decrypts into `buffer` whatever is available, waiting for the peer
    // only when nothing is. 0 means a clean end (close_notify).
    async::task<std::size_t> read_some(std::span<char> buffer) {
        std::size_t filled = 0;
        while (true) {
            ERR_clear_error();
            const int result =
                SSL_read(ssl, buffer.data() + filled,
                         static_cast<int>(std::min<std::size_t>(buffer.size() - filled, 1u << 30)));
            const int code = result > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl, result);
            if (code == SSL_ERROR_NONE) {
                filled += static_cast<std::size_t>(result);
                if (filled < buffer.size()) {
                    continue;  // take every record already received in one go
                }
                break;
            }
            if (code == SSL_ERROR_ZERO_RETURN) {
                break;  // close_notify: a clean end
            }
            if (code == SSL_ERROR_WANT_READ && filled > 0) {
                break;
            }
            if (code != SSL_ERROR_WANT_READ || io.incoming_ended) {
                throw read_failure(code);
            }
            co_await fill();
        }
        co_return filled;
    }

    // Encrypts `bytes` into io.outgoing, flushing every write_chunk.
    async::task<void> encrypt(std::span<const char> bytes) {
        while (!bytes.empty()) {
            const std::size_t piece = std::min(bytes.size(), write_chunk);
            ERR_clear_error();
            const int result = SSL_write(ssl, bytes.data(), static_cast<int>(piece));
            if (result <= 0) {
                const int code = SSL_get_error(ssl, result);
                error failure(errc::protocol_error,
                              "TLS write to " + server_name + ": " + detail::take_openssl_error(),
                              code);
                abort("a TLS write failed");
                throw failure;
            }
            bytes = bytes.subspan(static_cast<std::size_t>(result));
            if (io.outgoing.size() >= write_chunk) {
                co_await flush();
            }
        }
    }

    // Runs the handshake; returns the error instead of throwing so that the
    // caller can still send OpenSSL's alert and close the transport.
    async::task<std::optional<error>> handshake() {
        while (true) {
            if (io.incoming_ended && !heard_from_peer) {
                // Not a TLS failure: the connection was cut before the
                // server said anything, as servers at their connection
                // limit do. Worth a retry, unlike a refused handshake.
                co_return error(
                    async::errc::connection_lost,
                    server_name + " closed the connection before the TLS handshake began");
            }
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
            if (io.incoming_ended) {
                co_return error(errc::handshake_failed,
                                server_name + " closed the connection during the TLS handshake");
            }
            co_await fill();
        }
    }

    // Offers a cached session for this server, if the context has one.
    void offer_cached_session() {
        if (!context->sessions || session_key.empty()) {
            return;
        }
        if (SSL_SESSION* session = context->sessions->take(session_key)) {
            SSL_set_session(ssl, session);  // takes a reference of its own
            SSL_SESSION_free(session);
        }
    }
};

namespace detail {

int store_new_session(SSL* ssl, SSL_SESSION* session) {
    auto* self = static_cast<tls_stream::impl*>(SSL_get_app_data(ssl));
    if (self == nullptr || !self->context->sessions || self->session_key.empty() ||
        SSL_SESSION_is_resumable(session) != 1) {
        return 0;
    }
    try {
        self->context->sessions->put(self->session_key, session);
    } catch (...) {
        return 0;
    }
    return 1;
}

}  // namespace detail

tls_stream::tls_stream(std::shared_ptr<impl> impl) noexcept : m_impl(std::move(impl)) {}
tls_stream::tls_stream(tls_stream&&) noexcept = default;
tls_stream& tls_stream::operator=(tls_stream&& other) noexcept {
    if (this != &other) {
        if (m_impl) {
            m_impl->abort("the TLS stream was replaced");
        }
        m_impl = std::move(other.m_impl);
    }
    return *this;
}

tls_stream::~tls_stream() {
    // Pending operations hold the impl; they fail and let it go.
    if (m_impl) {
        m_impl->abort("the TLS stream was destroyed");
    }
}

tls_stream::impl& tls_stream::state() const {
    if (!m_impl) {
        throw error(invalid_state, "TLS stream was moved from");
    }
    return *m_impl;
}

async::byte_stream& tls_stream::transport() {
    return *state().transport;
}

std::string tls_stream::protocol() const {
    return SSL_get_version(state().ssl);
}

bool tls_stream::session_reused() const {
    return SSL_session_reused(state().ssl) == 1;
}

async::task<tls_stream> tls_stream::handshake(std::unique_ptr<async::byte_stream> transport,
                                              const client_context& context,
                                              std::string server_name, std::uint16_t port) {
    auto fresh = std::make_shared<impl>();
    fresh->transport = std::move(transport);
    fresh->context = context.m_state;
    fresh->server_name = server_name;
    fresh->verify = context.verify();
    fresh->ssl = SSL_new(context.m_state->ctx);
    BIO* bio = fresh->ssl != nullptr ? detail::make_channel_bio(fresh->io) : nullptr;
    if (bio == nullptr) {
        throw error(errc::setup_failed, "SSL_new: " + detail::take_openssl_error());
    }
    SSL_set_bio(fresh->ssl, bio, bio);
    SSL_set_app_data(fresh->ssl, fresh.get());
    SSL_set_connect_state(fresh->ssl);
    expect_peer(fresh->ssl, server_name, context.verify());
    if (port != 0) {
        fresh->session_key = server_name + ":" + std::to_string(port);
        fresh->offer_cached_session();
    }

    std::optional<error> failure;
    try {
        failure = co_await fresh->handshake();
        if (failure) {
            // Tell the server why (OpenSSL queued an alert), if the
            // transport takes it at once; it may be gone already.
            fresh->transport->try_write(fresh->io.outgoing);
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

async::task<std::size_t> tls_stream::read_into(std::span<char> buffer) {
    const std::shared_ptr<impl> self = m_impl;
    impl& tls = state();
    tls.check_open();
    if (buffer.empty()) {
        throw error(invalid_state, "read_into needs a buffer that is not empty");
    }
    if (tls.reading) {
        throw error(invalid_state, "a read is already pending on this stream");
    }
    const busy_flag busy_reading(tls.reading);
    co_return co_await tls.read_some(buffer);
}

async::task<std::span<const char>> tls_stream::read() {
    const std::shared_ptr<impl> self = m_impl;
    impl& tls = state();
    tls.check_open();
    if (tls.reading) {
        throw error(invalid_state, "a read is already pending on this stream");
    }
    const busy_flag busy_reading(tls.reading);
    // The last read's bytes are dead: give the buffer back while waiting.
    tls.plaintext.reset();
    if (!tls.has_input()) {
        co_await tls.fill();
    }
    tls.plaintext = std::make_unique<char[]>(plaintext_buffer_size);
    const std::size_t count =
        co_await tls.read_some(std::span<char>(tls.plaintext.get(), plaintext_buffer_size));
    co_return std::span<const char>(tls.plaintext.get(), count);
}

async::task<void> tls_stream::write(std::span<const char> bytes) {
    co_await write_gather(std::span<const std::span<const char>>(&bytes, 1));
}

async::task<void> tls_stream::write_gather(std::span<const std::span<const char>> pieces) {
    const std::shared_ptr<impl> self = m_impl;
    impl& tls = state();
    tls.check_open();
    if (tls.writing) {
        throw error(invalid_state, "a write is already pending on this stream");
    }
    // Before anything is encrypted: a write cancelled here leaves the
    // record sequence intact and the stream usable.
    (co_await async::current_cancellation_token()).throw_if_cancelled();
    const busy_flag busy_writing(tls.writing);
    std::size_t total = 0;
    for (std::span<const char> piece : pieces) {
        total += piece.size();
    }
    if (pieces.size() > 1 && total <= join_limit) {
        std::string joined;
        joined.reserve(total);
        for (std::span<const char> piece : pieces) {
            joined.append(piece.data(), piece.size());
        }
        co_await tls.encrypt(joined);
    } else {
        for (std::span<const char> piece : pieces) {
            co_await tls.encrypt(piece);
        }
    }
    co_await tls.flush();
}

std::size_t tls_stream::try_write(std::span<const char>) noexcept {
    return 0;
}

void tls_stream::abort(std::string_view reason) noexcept {
    if (m_impl) {
        m_impl->abort(reason);
    }
}

async::task<void> tls_stream::close() {
    if (!m_impl) {
        co_return;
    }
    const std::shared_ptr<impl> self = m_impl;
    impl& tls = *self;
    if (!tls.closed) {
        tls.closed = true;
        tls.closed_by_owner = true;
        tls.closed_because = "the TLS stream was closed";
        // close_notify is a courtesy: sent only if the transport takes it
        // now, never waited for, and never in the middle of another write's
        // records.
        if (!tls.io.incoming_ended && !tls.writing) {
            ERR_clear_error();
            SSL_shutdown(tls.ssl);
            ERR_clear_error();  // e.g. "shutdown while in init" after a failure
            tls.transport->try_write(tls.io.outgoing);
            release_if_large(tls.io.outgoing);
        }
    }
    co_await tls.transport->close();
}

async::task<tls_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                                const client_context& context, async::tcp_options options) {
    auto tcp =
        std::make_unique<async::tcp_stream>(co_await async::connect(loop, host, port, options));
    co_return co_await tls_stream::handshake(std::move(tcp), context, host, port);
}

}  // namespace uvimap::tls
