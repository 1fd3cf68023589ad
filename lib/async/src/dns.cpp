#include "uvimap/async/dns.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <optional>

#include "uvimap/async/error.hpp"

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

// Lives on the heap because a cancelled lookup cannot be taken back from the
// thread pool: the callback still comes, and then frees the request.
struct pending_lookup {
    uv_getaddrinfo_t request{};
    std::coroutine_handle<> waiter;
    int status = 0;
    std::vector<socket_address> addresses;
    bool abandoned = false;

    static void on_done(uv_getaddrinfo_t* raw, int status, addrinfo* result) noexcept {
        auto* lookup = static_cast<pending_lookup*>(raw->data);
        if (lookup->abandoned) {
            uv_freeaddrinfo(result);
            delete lookup;
            return;
        }
        lookup->status = status;
        for (addrinfo* entry = result; entry != nullptr; entry = entry->ai_next) {
            if (entry->ai_family == AF_INET || entry->ai_family == AF_INET6) {
                lookup->addresses.emplace_back(entry->ai_addr);
            }
        }
        uv_freeaddrinfo(result);
        std::exchange(lookup->waiter, {}).resume();
    }
};

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

    auto* lookup = new pending_lookup();
    lookup->request.data = lookup;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    const std::string service = std::to_string(port);

    struct wait_awaiter {
        pending_lookup& lookup;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h) noexcept { lookup.waiter = h; }
        void await_resume() const noexcept {}
    };

    const int started = uv_getaddrinfo(loop, &lookup->request, &pending_lookup::on_done,
                                       host.c_str(), service.c_str(), &hints);
    if (started < 0) {
        delete lookup;
        throw uv_error(errc::dns_failure, "cannot resolve '" + host + "'", started);
    }
    bool cancelled = false;
    {
        cancellation_registration on_cancel(token, [lookup, &cancelled] {
            cancelled = true;
            lookup->abandoned = true;
            uv_cancel(reinterpret_cast<uv_req_t*>(&lookup->request));
            std::exchange(lookup->waiter, {}).resume();
        });
        co_await wait_awaiter{*lookup};
    }
    if (cancelled) {
        throw error(errc::cancelled, "lookup of '" + host + "' cancelled");
    }
    const int status = lookup->status;
    std::vector<socket_address> addresses = std::move(lookup->addresses);
    delete lookup;
    if (status < 0) {
        throw uv_error(errc::dns_failure, "cannot resolve '" + host + "'", status);
    }
    if (addresses.empty()) {
        throw error(errc::dns_failure, "cannot resolve '" + host + "': no IPv4 or IPv6 address");
    }
    co_return addresses;
}

}  // namespace uvimap::async
