#pragma once
// TCP over libuv: connecting (every resolved address, RFC 8305 style),
// listening on a local port, and the connected stream.

#include <uv.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "uvimap/async/dns.hpp"
#include "uvimap/async/stream.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

class tcp_stream;
class dns_cache;
struct tcp_options;

namespace detail {
class tcp_box;
class listener_box;
task<tcp_stream> connect_one(uv_loop_t* loop, socket_address address, tcp_options options);
}  // namespace detail

struct tcp_options {
    // Size of the buffer read() reads into. It is allocated when bytes
    // arrive and given back at the next read(), so an idle connection holds
    // none; read_into() uses the caller's buffer instead.
    std::size_t read_buffer_size = 64 * 1024;
    // IMAP commands are small and latency-bound: disable Nagle by default.
    bool no_delay = true;
    // TCP keepalive probes after this much idle time; nullopt leaves the
    // system default (normally off). Lets a connection that sits in IDLE
    // notice a peer that vanished without a FIN.
    std::optional<std::chrono::seconds> keepalive;

    // connect(): how long one address may take before it counts as failed.
    std::chrono::milliseconds attempt_timeout{10'000};
    // connect(): how long to wait for one address before starting the next
    // one in parallel (RFC 8305's "Connection Attempt Delay"); a failed
    // attempt starts the next one at once.
    std::chrono::milliseconds attempt_delay{250};
    // connect() by name: where names are looked up. Null resolves every
    // time; a dns_cache shared by many connections resolves a host once.
    // Not owned; must outlive the connect.
    dns_cache* resolver = nullptr;
};

// A connected TCP stream. Movable; destroying it without close() still frees
// the libuv handle (once libuv lets go of it) and fails a pending read or
// write with errc::connection_aborted.
//
// Errors: connection_lost (reset, broken pipe), connection_aborted (closed on
// this side while pending), cancelled, io_error, invalid_state (a second
// concurrent read or write, a closed or moved-from stream).
//
// Cancelling a pending read stops reading and leaves the stream usable.
// Cancelling a pending write closes the stream: libuv cannot take back bytes
// it has half sent.
class tcp_stream final : public byte_stream {
public:
    tcp_stream(tcp_stream&& other) noexcept;
    tcp_stream& operator=(tcp_stream&& other) noexcept;
    ~tcp_stream() override;

    task<std::span<const char>> read() override;
    task<std::size_t> read_into(std::span<char> buffer) override;
    task<void> write(std::span<const char> bytes) override;
    task<void> write_gather(std::span<const std::span<const char>> pieces) override;
    void abort(std::string_view reason) noexcept override;
    task<void> close() override;
    std::size_t try_write(std::span<const char> bytes) noexcept override;

    // Sends FIN after all pending writes; reading stays possible.
    task<void> shutdown();

    socket_address peer_address() const;
    uv_loop_t* loop() const noexcept;
    // The socket's descriptor, for socket options uvimap does not set;
    // -1 once the stream is closed. The stream keeps owning it.
    int native_handle() const noexcept;

private:
    friend task<tcp_stream> detail::connect_one(uv_loop_t*, socket_address, tcp_options);
    friend class tcp_listener;
    explicit tcp_stream(detail::tcp_box* box) noexcept : m_box(box) {}
    detail::tcp_box& box() const;
    task<std::size_t> read_some(std::span<char> caller_buffer);

    detail::tcp_box* m_box;
};

// Resolves `host` (through options.resolver when set) and connects.
// Addresses are tried in the resolver's order with the families
// interleaved (RFC 8305 §4); each gets options.attempt_timeout, and the next
// starts after options.attempt_delay even while earlier ones are still
// trying, so a black-holed first address (a common IPv6 failure) costs a
// quarter of a second, not the kernel's two-minute SYN timeout. The first
// to connect wins; the others are abandoned.
//
// Fails with dns_failure, connection_refused (every address refused),
// too_many_open_files, or connect_failed (the message lists each address
// and what happened to it); cancellable.
task<tcp_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                         tcp_options options = {});

// The same for callers that resolved names themselves.
task<tcp_stream> connect(uv_loop_t* loop, std::vector<socket_address> addresses,
                         tcp_options options = {});

// A listening socket, for tests and local tools.
class tcp_listener {
public:
    // Binds `ip`:`port` (port 0 picks a free one) and listens. Throws
    // errc::io_error on failure.
    tcp_listener(uv_loop_t* loop, const std::string& ip = "127.0.0.1", std::uint16_t port = 0,
                 tcp_options options = {});
    ~tcp_listener();
    tcp_listener(const tcp_listener&) = delete;
    tcp_listener& operator=(const tcp_listener&) = delete;

    std::uint16_t port() const;
    // Waits for the next incoming connection; cancellable. Fails with
    // too_many_open_files when the process is out of descriptors, or
    // connection_aborted if the listener is closed meanwhile.
    task<tcp_stream> accept();
    task<void> close();

private:
    detail::listener_box* m_box;
};

}  // namespace uvimap::async
