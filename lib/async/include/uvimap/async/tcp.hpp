#pragma once
// TCP over libuv: connecting (every resolved address in turn), listening on a
// local port, and the connected stream.

#include <uv.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "uvimap/async/dns.hpp"
#include "uvimap/async/stream.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

namespace detail {
class TcpBox;
class ListenerBox;
}  // namespace detail

struct TcpOptions {
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
class TcpStream final : public Stream {
public:
    TcpStream(TcpStream&& other) noexcept;
    TcpStream& operator=(TcpStream&& other) noexcept;
    ~TcpStream() override;

    Task<std::span<const char>> read() override;
    Task<void> write(std::span<const char> bytes) override;
    Task<void> close() override;
    // Sends FIN after all pending writes; reading stays possible.
    Task<void> shutdown();

    Address peer_address() const;
    uv_loop_t* loop() const noexcept;

private:
    friend Task<TcpStream> connect(uv_loop_t*, std::string, std::uint16_t, TcpOptions);
    friend class TcpListener;
    explicit TcpStream(detail::TcpBox* box) noexcept : m_box(box) {}
    detail::TcpBox& box() const;

    detail::TcpBox* m_box;
};

// Resolves `host` and connects to each address in turn until one accepts.
// Fails with dns_failure, connection_refused (every address refused) or
// connect_failed; cancellable.
Task<TcpStream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                        TcpOptions options = {});

// A listening socket, for tests and local tools.
class TcpListener {
public:
    // Binds `ip`:`port` (port 0 picks a free one) and listens.
    TcpListener(uv_loop_t* loop, const std::string& ip = "127.0.0.1", std::uint16_t port = 0,
                TcpOptions options = {});
    ~TcpListener();
    TcpListener(const TcpListener&) = delete;
    TcpListener& operator=(const TcpListener&) = delete;

    std::uint16_t port() const;
    // Waits for the next incoming connection; cancellable.
    Task<TcpStream> accept();
    Task<void> close();

private:
    detail::ListenerBox* m_box;
};

}  // namespace uvimap::async
