#include "support/latency_proxy.hpp"

#include "uvimap/async/error.hpp"
#include "uvimap/async/timer.hpp"

namespace uvimap::test {

latency_proxy::latency_proxy(uv_loop_t* loop, std::string target_host, std::uint16_t target_port,
                             std::chrono::milliseconds delay)
    : m_loop(loop),
      m_target_host(std::move(target_host)),
      m_target_port(target_port),
      m_delay(delay),
      m_listener(loop) {}

async::task<void> latency_proxy::serve() {
    async::async_scope relays(0, m_stop.token());
    try {
        while (true) {
            async::tcp_stream client =
                co_await async::with_cancellation(m_stop.token(), m_listener.accept());
            relays.spawn(relay(std::move(client)));
        }
    } catch (const error&) {
        // stop() cancelled the accept (or the listener closed).
    }
    relays.cancel();
    co_await relays.join();
}

async::task<void> latency_proxy::stop() {
    m_stop.request_cancellation();
    co_await m_listener.close();
}

async::task<void> latency_proxy::relay(async::tcp_stream client) {
    async::tcp_stream server = co_await async::connect(m_loop, m_target_host, m_target_port);
    async::async_scope pumps;
    pumps.spawn(pump(client, server, true));
    pumps.spawn(pump(server, client, false));
    co_await pumps.join();
    co_await client.close();
    co_await server.close();
}

async::task<void> latency_proxy::pump(async::tcp_stream& from, async::tcp_stream& to,
                                      bool from_client) {
    try {
        while (true) {
            const std::span<const char> chunk = co_await from.read();
            if (chunk.empty()) {
                break;
            }
            std::string bytes(chunk.data(), chunk.size());
            if (from_client) {
                ++m_client_chunks;
                if (m_server_spoke) {
                    ++m_round_trips;
                    m_server_spoke = false;
                }
            } else {
                m_server_spoke = true;
            }
            co_await async::sleep_for(m_loop, m_delay);
            co_await to.write(bytes);
        }
    } catch (const error&) {
        // Either side went away or stop() cancelled us: the relay ends.
    }
    to.abort("the other side of the relay ended");
}

}  // namespace uvimap::test
