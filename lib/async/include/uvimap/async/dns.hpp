#pragma once
// Name resolution through uv_getaddrinfo (libuv's thread pool, so the loop
// never blocks on DNS).

#include <sys/socket.h>
#include <uv.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// If `host` is an IPv4 or IPv6 address literal — IPv6 possibly in brackets,
// as in URLs, and possibly with a %zone — the bare address ("::1",
// "fe80::1"), as certificates name it; otherwise nullopt.
std::optional<std::string> ip_literal(std::string_view host);

// All addresses of `host` for TCP on `port`, in the resolver's order. An
// address literal (see ip_literal) is returned as it is, without a lookup.
// Fails with errc::dns_failure; cancellable.
task<std::vector<socket_address>> resolve(uv_loop_t* loop, std::string host, std::uint16_t port);

}  // namespace uvimap::async
