#pragma once
// The client-side TLS session cache of one client_context.
//
// OpenSSL's own cache is built for servers (looked up by session ID); a
// client has to pick the session to offer itself, by server. Entries are
// keyed by "name:port". TLS 1.3 sessions are taken out when used, since a
// ticket is meant for one connection; TLS 1.2 sessions stay and may be
// offered again. Expired sessions are dropped when met. Both the sessions
// per server and the sessions in all are bounded.

#include <openssl/ssl.h>

#include <cstddef>
#include <deque>
#include <list>
#include <string>
#include <unordered_map>

namespace uvimap::tls::detail {

class session_cache {
public:
    session_cache(std::size_t per_server, std::size_t max_sessions) noexcept
        : m_per_server(per_server), m_max_sessions(max_sessions) {}
    ~session_cache();
    session_cache(const session_cache&) = delete;
    session_cache& operator=(const session_cache&) = delete;

    // A session to offer to `key`, with a reference the caller must free,
    // or null when there is none.
    SSL_SESSION* take(const std::string& key);
    // Keeps `session` for `key`, taking over the caller's reference.
    void put(const std::string& key, SSL_SESSION* session);

    std::size_t size() const noexcept { return m_count; }

private:
    struct server {
        std::deque<SSL_SESSION*> sessions;  // newest at the back
        std::list<std::string>::iterator recency;
    };

    void touch(server& entry, const std::string& key);
    // Forgets the least recently used server other than `keep`; false if
    // there is none.
    bool forget_oldest_server(const std::string& keep);

    std::size_t m_per_server;
    std::size_t m_max_sessions;
    std::size_t m_count = 0;
    std::unordered_map<std::string, server> m_servers;
    std::list<std::string> m_recency;  // most recently used first
};

}  // namespace uvimap::tls::detail
