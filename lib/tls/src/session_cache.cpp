#include "session_cache.hpp"

#include <ctime>

namespace uvimap::tls::detail {

namespace {

bool expired(const SSL_SESSION* session, std::time_t now) {
    return SSL_SESSION_get_time(session) + SSL_SESSION_get_timeout(session) <= now;
}

}  // namespace

session_cache::~session_cache() {
    for (auto& [key, entry] : m_servers) {
        for (SSL_SESSION* session : entry.sessions) {
            SSL_SESSION_free(session);
        }
    }
}

void session_cache::touch(server& entry, const std::string& key) {
    m_recency.erase(entry.recency);
    m_recency.push_front(key);
    entry.recency = m_recency.begin();
}

SSL_SESSION* session_cache::take(const std::string& key) {
    const auto found = m_servers.find(key);
    if (found == m_servers.end()) {
        return nullptr;
    }
    server& entry = found->second;
    const std::time_t now = std::time(nullptr);
    while (!entry.sessions.empty()) {
        // The newest first: the server is likeliest to still know it.
        SSL_SESSION* session = entry.sessions.back();
        entry.sessions.pop_back();
        --m_count;
        if (expired(session, now) || SSL_SESSION_is_resumable(session) != 1) {
            SSL_SESSION_free(session);
            continue;
        }
        if (SSL_SESSION_get_protocol_version(session) < TLS1_3_VERSION) {
            // Reusable: keep a reference in the cache.
            SSL_SESSION_up_ref(session);
            entry.sessions.push_back(session);
            ++m_count;
        }
        touch(entry, key);
        return session;
    }
    return nullptr;
}

void session_cache::put(const std::string& key, SSL_SESSION* session) {
    auto [found, inserted] = m_servers.try_emplace(key);
    server& entry = found->second;
    if (inserted) {
        m_recency.push_front(key);
        entry.recency = m_recency.begin();
    } else {
        touch(entry, key);
    }
    entry.sessions.push_back(session);
    ++m_count;
    while (entry.sessions.size() > m_per_server) {
        SSL_SESSION_free(entry.sessions.front());
        entry.sessions.pop_front();
        --m_count;
    }
    while (m_count > m_max_sessions && forget_oldest_server(key)) {
    }
}

bool session_cache::forget_oldest_server(const std::string& keep) {
    if (m_recency.empty() || m_recency.back() == keep) {
        return false;
    }
    const std::string key = m_recency.back();
    m_recency.pop_back();
    const auto found = m_servers.find(key);
    for (SSL_SESSION* session : found->second.sessions) {
        SSL_SESSION_free(session);
        --m_count;
    }
    m_servers.erase(found);
    return true;
}

}  // namespace uvimap::tls::detail
