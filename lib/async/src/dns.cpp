#include "uvimap/async/dns.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <optional>

#include "uvimap/async/detail/suspension.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/event.hpp"

namespace uvimap::async {

socket_address::socket_address(const sockaddr* address) noexcept {
    const std::size_t size =
        address->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    std::memcpy(&m_storage, address, size);
}

std::uint16_t socket_address::port() const noexcept {
    if (family() == AF_INET6) {
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&m_storage)->sin6_port);
    }
    return ntohs(reinterpret_cast<const sockaddr_in*>(&m_storage)->sin_port);
}

void socket_address::set_port(std::uint16_t port) noexcept {
    if (family() == AF_INET6) {
        reinterpret_cast<sockaddr_in6*>(&m_storage)->sin6_port = htons(port);
    } else {
        reinterpret_cast<sockaddr_in*>(&m_storage)->sin_port = htons(port);
    }
}

std::string socket_address::to_string() const {
    char text[INET6_ADDRSTRLEN] = {};
    const bool v6 = family() == AF_INET6;
    if (v6) {
        uv_ip6_name(reinterpret_cast<const sockaddr_in6*>(&m_storage), text, sizeof text);
    } else {
        uv_ip4_name(reinterpret_cast<const sockaddr_in*>(&m_storage), text, sizeof text);
    }
    // Appending piece by piece (rather than "[" + std::string(...)) also
    // avoids a false -Wrestrict from g++ 12 at -O2.
    std::string out;
    out.append(v6 ? "[" : "").append(text).append(v6 ? "]:" : ":").append(std::to_string(port()));
    return out;
}

namespace {

// The outcome of one getaddrinfo: addresses (with port 0) or a libuv status.
struct lookup_outcome {
    int status = 0;
    std::vector<socket_address> addresses;
};

// One uv_getaddrinfo on the heap: a lookup cannot be taken back from the
// thread pool, so its callback always comes and may find nobody waiting.
// Whoever wants the answer supplies `deliver`; an abandoned lookup has none
// and frees itself.
struct pending_lookup {
    uv_getaddrinfo_t request{};
    std::function<void(lookup_outcome)> deliver;

    static void on_done(uv_getaddrinfo_t* raw, int status, addrinfo* result) noexcept {
        auto* lookup = static_cast<pending_lookup*>(raw->data);
        lookup_outcome outcome;
        outcome.status = status;
        try {
            for (addrinfo* entry = result; entry != nullptr; entry = entry->ai_next) {
                if (entry->ai_family == AF_INET || entry->ai_family == AF_INET6) {
                    outcome.addresses.emplace_back(entry->ai_addr);
                }
            }
        } catch (...) {
            outcome.status = UV_ENOMEM;
        }
        uv_freeaddrinfo(result);
        std::function<void(lookup_outcome)> deliver = std::move(lookup->deliver);
        delete lookup;
        if (deliver) {
            deliver(std::move(outcome));
        }
    }
};

// Starts a lookup whose answer goes to `deliver` (which must not throw).
// Returns the request, so that a caller who gives up can detach from it, or
// throws dns_failure if libuv cannot start it.
pending_lookup* start_lookup(uv_loop_t* loop, const std::string& host,
                             std::function<void(lookup_outcome)> deliver) {
    auto* lookup = new pending_lookup();
    lookup->request.data = lookup;
    lookup->deliver = std::move(deliver);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    const int started = uv_getaddrinfo(loop, &lookup->request, &pending_lookup::on_done,
                                       host.c_str(), nullptr, &hints);
    if (started < 0) {
        delete lookup;
        throw uv_error(errc::dns_failure, "cannot resolve '" + host + "'", started);
    }
    return lookup;
}

// The addresses of a finished lookup for `port`, or its error.
std::vector<socket_address> answer(const std::string& host, const lookup_outcome& outcome,
                                   std::uint16_t port) {
    if (outcome.status < 0) {
        throw uv_error(errc::dns_failure, "cannot resolve '" + host + "'", outcome.status);
    }
    if (outcome.addresses.empty()) {
        throw error(errc::dns_failure, "cannot resolve '" + host + "': no IPv4 or IPv6 address");
    }
    std::vector<socket_address> addresses = outcome.addresses;
    for (socket_address& address : addresses) {
        address.set_port(port);
    }
    return addresses;
}

// The literal without URL brackets; the zone stays, libuv reads it.
std::string_view unbracketed(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host.remove_prefix(1);
        host.remove_suffix(1);
    }
    return host;
}

std::optional<socket_address> numeric_address(std::string_view host, std::uint16_t port) {
    const std::string text(unbracketed(host));
    sockaddr_in v4{};
    if (host == text && uv_ip4_addr(text.c_str(), port, &v4) == 0) {
        return socket_address(reinterpret_cast<const sockaddr*>(&v4));
    }
    sockaddr_in6 v6{};
    if (text.find(':') != std::string::npos && uv_ip6_addr(text.c_str(), port, &v6) == 0) {
        return socket_address(reinterpret_cast<const sockaddr*>(&v6));
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> ip_literal(std::string_view host) {
    if (!numeric_address(host, 0)) {
        return std::nullopt;
    }
    const std::string_view bare = unbracketed(host);
    return std::string(bare.substr(0, bare.find('%')));
}

task<std::vector<socket_address>> resolve(uv_loop_t* loop, std::string host, std::uint16_t port) {
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    // Literals need no thread-pool round trip, and AI_ADDRCONFIG could even
    // drop ::1 on a host whose only IPv6 address is loopback.
    if (std::optional<socket_address> literal = numeric_address(host, port)) {
        co_return std::vector<socket_address>{*literal};
    }
    detail::suspension wake;
    lookup_outcome outcome;
    pending_lookup* lookup = start_lookup(loop, host, [&wake, &outcome](lookup_outcome result) {
        outcome = std::move(result);
        wake.complete();
    });
    const auto waited = co_await wake.wait(token, [lookup] {
        // Nobody will wait any more; the lookup frees itself when it ends.
        lookup->deliver = nullptr;
        uv_cancel(reinterpret_cast<uv_req_t*>(&lookup->request));
    });
    if (waited == detail::suspension::outcome::cancelled) {
        throw error(errc::cancelled, "lookup of '" + host + "' cancelled");
    }
    co_return answer(host, outcome, port);
}

namespace detail {

struct cache_entry {
    bool done = false;
    lookup_outcome outcome;
    std::uint64_t expires = 0;  // uv_now() milliseconds
    async_event finished;
};

}  // namespace detail

dns_cache::dns_cache(uv_loop_t* loop, std::chrono::seconds ttl, std::chrono::seconds failure_ttl)
    : m_loop(loop), m_ttl(ttl), m_failure_ttl(failure_ttl) {}

dns_cache::~dns_cache() = default;

void dns_cache::clear() noexcept {
    m_entries.clear();
}

task<std::vector<socket_address>> dns_cache::resolve(std::string host, std::uint16_t port) {
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    if (std::optional<socket_address> literal = numeric_address(host, port)) {
        co_return std::vector<socket_address>{*literal};
    }
    std::shared_ptr<detail::cache_entry>& slot = m_entries[host];
    if (slot && slot->done && slot->expires <= uv_now(m_loop)) {
        slot.reset();
    }
    if (!slot) {
        slot = std::make_shared<detail::cache_entry>();
        ++m_lookups;
        // The lookup belongs to the entry, not to this caller: cancelling
        // the caller must not cancel it for the others. The cache may be
        // gone when it ends, so the callback only touches the entry.
        std::weak_ptr<detail::cache_entry> weak = slot;
        uv_loop_t* loop = m_loop;
        const std::uint64_t ttl = static_cast<std::uint64_t>(m_ttl.count());
        const std::uint64_t failure_ttl = static_cast<std::uint64_t>(m_failure_ttl.count());
        start_lookup(m_loop, host, [weak, loop, ttl, failure_ttl](lookup_outcome result) {
            std::shared_ptr<detail::cache_entry> entry = weak.lock();
            if (!entry) {
                return;
            }
            const bool failed = result.status < 0 || result.addresses.empty();
            entry->outcome = std::move(result);
            entry->done = true;
            entry->expires = uv_now(loop) + (failed ? failure_ttl : ttl);
            entry->finished.set();
        });
    }
    // Hold the entry: clear() or expiry may drop it from the map meanwhile.
    const std::shared_ptr<detail::cache_entry> entry = slot;
    try {
        co_await entry->finished.wait();
    } catch (const error& e) {
        if (e.code() == errc::cancelled) {
            throw error(errc::cancelled, "lookup of '" + host + "' cancelled");
        }
        throw;
    }
    co_return answer(host, entry->outcome, port);
}

}  // namespace uvimap::async
