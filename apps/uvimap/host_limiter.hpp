// --per-host: at most N connections at once to one server, whatever the
// overall --concurrency. Servers refuse more than a few connections per
// user or per address (Dovecot's mail_max_userip_connections, Gmail's 15).
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "uvimap/async/oneshot.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::app {

class host_limiter {
public:
    // `per_host` 0 means no cap.
    explicit host_limiter(std::size_t per_host) : m_per_host(per_host) {}

    // Holds one of the host's slots until destroyed.
    class slot {
    public:
        slot() = default;
        slot(host_limiter* owner, std::string host) : m_owner(owner), m_host(std::move(host)) {}
        slot(slot&& other) noexcept;
        slot& operator=(slot&& other) noexcept;
        ~slot();

    private:
        host_limiter* m_owner = nullptr;
        std::string m_host;
    };

    // Waits (first come, first served) for a slot of `host`; cancellable.
    async::task<slot> acquire(std::string host);

private:
    struct host_state {
        std::size_t busy = 0;
        std::deque<std::shared_ptr<async::oneshot<bool>>> waiting;
    };
    void release(const std::string& host);

    std::size_t m_per_host;
    std::map<std::string, host_state, std::less<>> m_hosts;
};

}  // namespace uvimap::app
