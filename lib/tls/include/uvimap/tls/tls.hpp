#pragma once
// TLS client streams: OpenSSL driven through memory BIOs over any
// async::byte_stream, so the same code serves implicit TLS (port 993) and STARTTLS
// (upgrading a plain connection in place).
//
// Security defaults, none of which a caller gets around by accident:
// - the server certificate is verified against the system store or a CA file;
// - the name (DNS name or IP address) the caller connected to must match it;
// - SNI is sent for DNS names;
// - TLS 1.2 is the oldest version accepted.
// Turning verification off takes verify_mode::insecure_no_verification,
// spelled out at the call site.

#include <uv.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "uvimap/async/stream.hpp"
#include "uvimap/async/task.hpp"
#include "uvimap/async/tcp.hpp"

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
};

// The shared part of many TLS connections (trust store, protocol versions).
// Loading a trust store is expensive, so make one context and reuse it for
// every connection. Copies share the same OpenSSL context.
class client_context {
public:
    // Throws uvimap::error(tls_error) if the CA file cannot be loaded.
    explicit client_context(const context_options& options = {});

    verify_mode verify() const noexcept;
    void* native_handle() const noexcept;  // SSL_CTX*

private:
    struct state;
    std::shared_ptr<state> m_state;
};

// A TLS connection over a transport stream it owns.
class tls_stream final : public async::byte_stream {
public:
    tls_stream(tls_stream&&) noexcept;
    tls_stream& operator=(tls_stream&&) noexcept;
    ~tls_stream() override;

    // Runs the client handshake over `transport` and verifies the peer as
    // `server_name` (a DNS name or an IP address literal). Fails with one of
    // the tls_* error codes, or with the transport's own errors.
    //
    // For STARTTLS pass the plain stream right after the server's OK. The
    // TLS stream only ever returns bytes decrypted after the handshake: any
    // plaintext the transport received before is either already consumed by
    // the caller (who must then drop what it has buffered) or is fed to the
    // handshake and fails it. Nothing injected in clear text reaches read().
    static async::task<tls_stream> handshake(std::unique_ptr<async::byte_stream> transport,
                                             const client_context& context,
                                             std::string server_name);

    async::task<std::span<const char>> read() override;
    async::task<void> write(std::span<const char> bytes) override;
    // Sends close_notify, then closes the transport. If a write is still
    // pending, the transport is closed without close_notify (it cannot be
    // sent in the middle of another record) and the write fails.
    async::task<void> close() override;

    // The negotiated protocol, e.g. "TLSv1.3".
    std::string protocol() const;
    // The transport, e.g. to reach the tcp_stream underneath.
    async::byte_stream& transport();

private:
    struct impl;
    explicit tls_stream(std::unique_ptr<impl> impl) noexcept;
    impl& state() const;
    std::unique_ptr<impl> m_impl;
};

// Connects with TCP to host:port and runs the handshake, verifying `host`.
async::task<tls_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                                const client_context& context, async::tcp_options options = {});

}  // namespace uvimap::tls
