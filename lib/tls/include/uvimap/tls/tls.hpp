#pragma once
// TLS client streams: OpenSSL driven through memory BIOs over any
// async::Stream, so the same code serves implicit TLS (port 993) and STARTTLS
// (upgrading a plain connection in place).
//
// Security defaults, none of which a caller gets around by accident:
// - the server certificate is verified against the system store or a CA file;
// - the name (DNS name or IP address) the caller connected to must match it;
// - SNI is sent for DNS names;
// - TLS 1.2 is the oldest version accepted.
// Turning verification off takes Verification::insecure_no_verification,
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

enum class Verification {
    verify_peer,
    // Accepts any certificate for any name: for test rigs only.
    insecure_no_verification,
};

struct ContextOptions {
    Verification verification = Verification::verify_peer;
    // PEM file of trusted CAs; empty means the system's default store.
    std::string ca_file;
};

// The shared part of many TLS connections (trust store, protocol versions).
// Loading a trust store is expensive, so make one context and reuse it for
// every connection. Copies share the same OpenSSL context.
class Context {
public:
    // Throws uvimap::Error(tls_error) if the CA file cannot be loaded.
    explicit Context(const ContextOptions& options = {});

    Verification verification() const noexcept;
    void* native_handle() const noexcept;  // SSL_CTX*

private:
    struct State;
    std::shared_ptr<State> m_state;
};

// A TLS connection over a transport stream it owns.
class TlsStream final : public async::Stream {
public:
    TlsStream(TlsStream&&) noexcept;
    TlsStream& operator=(TlsStream&&) noexcept;
    ~TlsStream() override;

    // Runs the client handshake over `transport` and verifies the peer as
    // `server_name` (a DNS name or an IP address literal). Fails with one of
    // the tls_* error kinds, or with the transport's own errors.
    //
    // For STARTTLS pass the plain stream right after the server's OK. The
    // TLS stream only ever returns bytes decrypted after the handshake: any
    // plaintext the transport received before is either already consumed by
    // the caller (who must then drop what it has buffered) or is fed to the
    // handshake and fails it. Nothing injected in clear text reaches read().
    static async::Task<TlsStream> handshake(std::unique_ptr<async::Stream> transport,
                                            const Context& context, std::string server_name);

    async::Task<std::span<const char>> read() override;
    async::Task<void> write(std::span<const char> bytes) override;
    // Sends close_notify, then closes the transport.
    async::Task<void> close() override;

    // The negotiated protocol, e.g. "TLSv1.3".
    std::string protocol() const;
    // The transport, e.g. to reach the TcpStream underneath.
    async::Stream& transport() noexcept;

private:
    struct Impl;
    explicit TlsStream(std::unique_ptr<Impl> impl) noexcept;
    std::unique_ptr<Impl> m_impl;
};

// Connects with TCP to host:port and runs the handshake, verifying `host`.
async::Task<TlsStream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                               const Context& context, async::TcpOptions options = {});

}  // namespace uvimap::tls
