#pragma once
// TCP over libuv: connecting (every resolved address in turn), listening on a
// local port, and the connected stream.

#include <uv.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "uvimap/async/dns.hpp"
#include "uvimap/async/stream.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

class tcp_stream;
struct tcp_options;

namespace detail {
class tcp_box;
class listener_box;
task<tcp_stream> connect_any(uv_loop_t* loop, std::vector<socket_address> addresses,
                             std::string target, tcp_options options);
}  // namespace detail

struct tcp_options {
    // Size of the stream's reusable receive buffer, allocated once.
    std::size_t read_buffer_size = 64 * 1024;
    // IMAP commands are small and latency-bound: disable Nagle by default.
    bool no_delay = true;
};

// A connected TCP stream. Movable; destroying it without close() still frees
// the libuv handle (once libuv lets go of it).
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
    task<void> write(std::span<const char> bytes) override;
    task<void> close() override;
    // Sends FIN after all pending writes; reading stays possible.
    task<void> shutdown();

    socket_address peer_address() const;
    uv_loop_t* loop() const noexcept;

private:
    friend task<tcp_stream> detail::connect_any(uv_loop_t*, std::vector<socket_address>,
                                                std::string, tcp_options);
    friend class tcp_listener;
    explicit tcp_stream(detail::tcp_box* box) noexcept : m_box(box) {}
    detail::tcp_box& box() const;

    detail::tcp_box* m_box;
};

// Resolves `host` and connects to each address in turn until one accepts.
// Fails with dns_failure, connection_refused (every address refused) or
// connect_failed; cancellable.
task<tcp_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                         tcp_options options = {});

// Connects to each of `addresses` in turn until one accepts (for callers
// that resolved names themselves). Same errors as above.
task<tcp_stream> connect(uv_loop_t* loop, std::vector<socket_address> addresses,
                         tcp_options options = {});

// A listening socket, for tests and local tools.
class tcp_listener {
public:
    // Binds `ip`:`port` (port 0 picks a free one) and listens.
    tcp_listener(uv_loop_t* loop, const std::string& ip = "127.0.0.1", std::uint16_t port = 0,
                 tcp_options options = {});
    ~tcp_listener();
    tcp_listener(const tcp_listener&) = delete;
    tcp_listener& operator=(const tcp_listener&) = delete;

    std::uint16_t port() const;
    // Waits for the next incoming connection; cancellable.
    task<tcp_stream> accept();
    task<void> close();

private:
    detail::listener_box* m_box;
};

}  // namespace uvimap::async
