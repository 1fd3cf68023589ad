#pragma once
// TLS client streams: OpenSSL driven through a memory BIO of our own over any
// async::byte_stream, so the same code serves implicit TLS (port 993) and
// STARTTLS (upgrading a plain connection in place).
//
// Security defaults, none of which a caller gets around by accident:
// - the server certificate is verified against the system store or a CA file;
// - the name (DNS name or IP address) the caller connected to must match a
//   subjectAltName of it (never the legacy common name);
// - SNI is sent for DNS names;
// - TLS 1.2 is the oldest version accepted; renegotiation is refused.
// Turning verification off takes verify_mode::insecure_no_verification,
// spelled out at the call site.
//
// Errors are uvimap::error with tls::errc codes (uvimap/tls/error.hpp), or
// the transport's own async::errc codes.

#include <uv.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "uvimap/async/stream.hpp"
#include "uvimap/async/task.hpp"
#include "uvimap/async/tcp.hpp"
#include "uvimap/tls/error.hpp"

namespace uvimap::tls {

enum class verify_mode {
    verify_peer,
    // Accepts any certificate for any name: for test rigs only.
    insecure_no_verification,
};

struct context_options {
    verify_mode verify = verify_mode::verify_peer;
    // PEM file of trusted CAs; empty means the system's default store.
    std::string ca_file;
    // Resume TLS sessions with servers this context has connected to before
    // (TLS 1.3 tickets, TLS 1.2 tickets or session IDs), which saves the
    // server and the client most of a handshake's work. A session is only
    // offered again to the same server name and port, by the same context,
    // so with the same trust settings: OpenSSL does not verify the
    // certificate again on resumption.
    bool resume_sessions = true;
    // Sessions kept per server. TLS 1.3 tickets are used once each (RFC 8446
    // §C.4), and parallel connections to one server each want their own: a
    // job holding 100 connections to one server at a time resumes about 92 %
    // of them with 64, 40 % with 8 (docs/benchmarks.md).
    std::size_t sessions_per_server = 64;
    // Sessions kept in all (a few KiB each, with the server's certificate
    // chain); past it the least recently used server is forgotten.
    std::size_t max_sessions = 4096;
};

// The shared part of many TLS connections (trust store, protocol versions,
// session cache). Loading a trust store is expensive, so make one context
// and reuse it for every connection. Copies share the same state. Its
// settings are fixed at construction.
class client_context {
public:
    // Throws uvimap::error(tls::errc::setup_failed) if the CA file cannot be
    // loaded.
    explicit client_context(const context_options& options = {});

    verify_mode verify() const noexcept;
    const std::string& ca_file() const noexcept;
    // Sessions held in the cache now, for all servers.
    std::size_t cached_sessions() const noexcept;

private:
    friend class tls_stream;
    struct state;
    std::shared_ptr<state> m_state;
};

// A TLS connection over a transport stream it owns.
//
// As for any byte_stream, one read and one write may be pending together.
// Destroying the stream, or abort(), while they are pending is safe: they
// fail with async::errc::connection_aborted.
//
// A write that fails or is cancelled once encryption has begun closes the
// connection: the TLS record sequence cannot be resumed with bytes missing.
// A pending read then fails with connection_aborted, naming the reason. A
// write cancelled before it began leaves the stream usable.
class tls_stream final : public async::byte_stream {
public:
    tls_stream(tls_stream&&) noexcept;
    tls_stream& operator=(tls_stream&&) noexcept;
    ~tls_stream() override;

    // Runs the client handshake over `transport` and verifies the peer as
    // `server_name` (a DNS name or an IP address literal). `port` is the
    // server's port, which together with the name picks the session to
    // resume; 0 never resumes. Fails with one of the tls::errc codes, or
    // with the transport's own errors; the transport is closed then.
    //
    // For STARTTLS pass the plain stream right after the server's OK. The
    // TLS stream only ever returns bytes decrypted after the handshake: any
    // plaintext the transport received before is either already consumed by
    // the caller (who must then drop what it has buffered) or is fed to the
    // handshake and fails it. Nothing injected in clear text reaches read().
    static async::task<tls_stream> handshake(std::unique_ptr<async::byte_stream> transport,
                                             const client_context& context, std::string server_name,
                                             std::uint16_t port = 0);

    async::task<std::span<const char>> read() override;
    async::task<std::size_t> read_into(std::span<char> buffer) override;
    async::task<void> write(std::span<const char> bytes) override;
    async::task<void> write_gather(std::span<const std::span<const char>> pieces) override;
    void abort(std::string_view reason) noexcept override;
    // Sends close_notify if the transport takes it at once, then closes the
    // transport. Never waits for the peer.
    async::task<void> close() override;
    // Always 0: TLS cannot take part of a record now and the rest later.
    std::size_t try_write(std::span<const char> bytes) noexcept override;

    // The negotiated protocol, e.g. "TLSv1.3".
    std::string protocol() const;
    // True if the handshake resumed a cached session.
    bool session_reused() const;
    // The transport, e.g. to reach the tcp_stream underneath.
    async::byte_stream& transport();

    // The state behind the stream; opaque outside tls_stream.cpp.
    struct impl;

private:
    explicit tls_stream(std::shared_ptr<impl> impl) noexcept;
    impl& state() const;
    // Shared with every pending operation, so that destroying the stream
    // while one is pending leaves it memory to unwind in.
    std::shared_ptr<impl> m_impl;
};

// Connects with TCP to host:port and runs the handshake, verifying `host`
// and resuming a session with host:port when the context has one.
async::task<tls_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                                const client_context& context, async::tcp_options options = {});

}  // namespace uvimap::tls
