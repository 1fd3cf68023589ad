#pragma once
// Name resolution through uv_getaddrinfo (libuv's thread pool, so the loop
// never blocks on DNS).

#include <sys/socket.h>
#include <uv.h>

#include <cstdint>
#include <string>
#include <vector>

#include "uvimap/async/task.hpp"

namespace uvimap::async {

// One socket address (IPv4 or IPv6) with its port.
class socket_address {
public:
    socket_address() = default;
    explicit socket_address(const sockaddr* address) noexcept;

    const sockaddr* get() const noexcept { return reinterpret_cast<const sockaddr*>(&m_storage); }
    int family() const noexcept { return m_storage.ss_family; }
    std::uint16_t port() const noexcept;
    // "127.0.0.1:993" or "[::1]:993".
    std::string to_string() const;

private:
    sockaddr_storage m_storage{};
};

// All addresses of `host` for TCP on `port`, in the resolver's order. A
// numeric host is returned as it is without a lookup. Fails with
// errc::dns_failure; cancellable.
task<std::vector<socket_address>> resolve(uv_loop_t* loop, std::string host, std::uint16_t port);

}  // namespace uvimap::async
