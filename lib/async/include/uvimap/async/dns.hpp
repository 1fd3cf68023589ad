#pragma once
// Name resolution through uv_getaddrinfo (libuv's thread pool, so the loop
// never blocks on DNS).

#include <sys/socket.h>
#include <uv.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "uvimap/async/task.hpp"

namespace uvimap::async {

// One socket address (IPv4 or IPv6) with its port: a value type, cheap to
// copy, in the layout the socket calls take (get()).
class socket_address {
public:
    socket_address() = default;
    // Copies an AF_INET or AF_INET6 address (anything else is read as IPv4).
    explicit socket_address(const sockaddr* address) noexcept;

    const sockaddr* get() const noexcept { return reinterpret_cast<const sockaddr*>(&m_storage); }
    int family() const noexcept { return m_storage.ss_family; }
    std::uint16_t port() const noexcept;
    void set_port(std::uint16_t port) noexcept;
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
// Fails with errc::dns_failure; cancellable (the lookup itself cannot be
// taken back from libuv's thread pool: it finishes there and is dropped).
task<std::vector<socket_address>> resolve(uv_loop_t* loop, std::string host, std::uint16_t port);

namespace detail {
struct cache_entry;
}

// A DNS cache that many connections share, so that a job of a thousand
// accounts on one host costs one lookup rather than a thousand (libuv runs
// lookups on its small thread pool, four threads by default, where they
// would queue behind each other).
//
// Lookups of the same host that overlap are merged into one. Answers are
// kept for `ttl` and failures for `failure_ttl` (getaddrinfo does not tell
// the record's own TTL). Not thread-safe: one cache per loop.
class dns_cache {
public:
    explicit dns_cache(uv_loop_t* loop, std::chrono::seconds ttl = std::chrono::seconds(60),
                       std::chrono::seconds failure_ttl = std::chrono::seconds(5));
    ~dns_cache();
    dns_cache(const dns_cache&) = delete;
    dns_cache& operator=(const dns_cache&) = delete;

    // As async::resolve(), through the cache. Cancelling one caller leaves
    // the lookup running for the others.
    task<std::vector<socket_address>> resolve(std::string host, std::uint16_t port);

    // Forgets every answer (lookups in flight still finish for their callers).
    void clear() noexcept;
    // How many lookups went to the system resolver so far.
    std::size_t lookups() const noexcept { return m_lookups; }

private:
    uv_loop_t* m_loop;
    std::chrono::milliseconds m_ttl;
    std::chrono::milliseconds m_failure_ttl;
    std::unordered_map<std::string, std::shared_ptr<detail::cache_entry>> m_entries;
    std::size_t m_lookups = 0;
};

}  // namespace uvimap::async
