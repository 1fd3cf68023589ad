#include "host_limiter.hpp"

#include "uvimap/async/error.hpp"

namespace uvimap::app {

host_limiter::slot::slot(slot&& other) noexcept
    : m_owner(std::exchange(other.m_owner, nullptr)), m_host(std::move(other.m_host)) {}

host_limiter::slot& host_limiter::slot::operator=(slot&& other) noexcept {
    if (this != &other) {
        if (m_owner != nullptr) {
            m_owner->release(m_host);
        }
        m_owner = std::exchange(other.m_owner, nullptr);
        m_host = std::move(other.m_host);
    }
    return *this;
}

host_limiter::slot::~slot() {
    if (m_owner != nullptr) {
        m_owner->release(m_host);
    }
}

async::task<host_limiter::slot> host_limiter::acquire(std::string host) {
    if (m_per_host == 0) {
        co_return slot();
    }
    host_state& state = m_hosts[host];
    if (state.busy < m_per_host) {
        ++state.busy;
        co_return slot(this, std::move(host));
    }
    auto turn = std::make_shared<async::oneshot<bool>>();
    state.waiting.push_back(turn);
    try {
        // release() hands its slot over: `busy` stays as it was.
        co_await turn->take();
    } catch (const error&) {
        // Cancelled while waiting: leave the line; a slot handed over in
        // the meantime is given back.
        host_state& now = m_hosts[host];
        std::erase(now.waiting, turn);
        if (turn->is_ready()) {
            release(host);
        }
        throw;
    }
    co_return slot(this, std::move(host));
}

void host_limiter::release(const std::string& host) {
    const auto found = m_hosts.find(host);
    if (found == m_hosts.end()) {
        return;
    }
    host_state& state = found->second;
    if (!state.waiting.empty()) {
        std::shared_ptr<async::oneshot<bool>> next = std::move(state.waiting.front());
        state.waiting.pop_front();
        next->set_value(true);  // the slot passes to it
        return;
    }
    if (--state.busy == 0) {
        m_hosts.erase(found);
    }
}

}  // namespace uvimap::app
