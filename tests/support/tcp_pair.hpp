#pragma once
// Two ends of one TCP connection on one loop, for tests that need to
// control both: the client side and the side the listener accepted.

#include "uvimap/async/tcp.hpp"

namespace uvimap::test {

struct connected_pair {
    async::tcp_stream client;
    async::tcp_stream server;
};

inline async::task<connected_pair> connect_pair(uv_loop_t* loop, async::tcp_listener& listener) {
    async::tcp_stream client = co_await async::connect(loop, "127.0.0.1", listener.port());
    async::tcp_stream server = co_await listener.accept();
    co_return connected_pair{std::move(client), std::move(server)};
}

// Closes both ends and the listener.
inline async::task<void> close_all(connected_pair& pair, async::tcp_listener& listener) {
    co_await pair.client.close();
    co_await pair.server.close();
    co_await listener.close();
}

}  // namespace uvimap::test
