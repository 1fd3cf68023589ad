#pragma once
// A TCP proxy on 127.0.0.1 that delays every chunk it forwards and counts
// round trips, to show what pipelining saves without timing anything: a
// round trip is a client-to-server chunk that follows server-to-client
// traffic (the client had to wait for an answer before it could go on).
// It runs on the test's own loop, built on uvimap's async layer.

#include <chrono>
#include <cstdint>
#include <string>

#include "uvimap/async/scope.hpp"
#include "uvimap/async/tcp.hpp"

namespace uvimap::test {

class latency_proxy {
public:
    latency_proxy(uv_loop_t* loop, std::string target_host, std::uint16_t target_port,
                  std::chrono::milliseconds delay);

    std::uint16_t port() const { return m_listener.port(); }
    // Client-to-server chunks that came after the server had spoken.
    std::uint64_t round_trips() const noexcept { return m_round_trips; }
    std::uint64_t client_chunks() const noexcept { return m_client_chunks; }

    // Accepts and relays connections until stop(); co_await it in a scope.
    async::task<void> serve();
    // Stops accepting, closes the relays and the listener.
    async::task<void> stop();

private:
    async::task<void> relay(async::tcp_stream client);
    async::task<void> pump(async::tcp_stream& from, async::tcp_stream& to, bool from_client);

    uv_loop_t* m_loop;
    std::string m_target_host;
    std::uint16_t m_target_port;
    std::chrono::milliseconds m_delay;
    async::tcp_listener m_listener;
    async::cancellation_source m_stop;
    std::uint64_t m_round_trips = 0;
    std::uint64_t m_client_chunks = 0;
    bool m_server_spoke = false;
};

}  // namespace uvimap::test
