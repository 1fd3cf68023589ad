#pragma once
// A scripted server for faults that real servers will not produce on demand:
// one connection on 127.0.0.1 (free port), handled by a script running on a
// thread with blocking sockets and, where asked, blocking OpenSSL. The
// library under test never sees the thread; it only sees bytes on a socket.

#include <openssl/ssl.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

namespace uvimap::test {

// What a script can do with its accepted connection.
class scripted_peer {
public:
    explicit scripted_peer(int fd) : m_fd(fd) {}
    ~scripted_peer();
    scripted_peer(const scripted_peer&) = delete;
    scripted_peer& operator=(const scripted_peer&) = delete;

    // Plain text in both directions (before any TLS). send() is false once
    // the client is gone.
    bool send(std::string_view bytes);
    std::string read_line();
    // One recv() of whatever has arrived (up to 64 KiB).
    std::string read_some();

    // Runs the server side of a TLS handshake with `stem`.pem/.key from the
    // test certificate directory; then send_tls/read_tls_line use TLS.
    // `max_version` (e.g. TLS1_1_VERSION) caps what the server offers, with
    // OpenSSL's security level lowered so that the old version is possible.
    bool accept_tls(const std::string& stem, int max_version = 0);
    // The server name the client sent (SNI), empty if none.
    std::string server_name() const;
    // The OpenSSL connection after accept_tls, for scripts that need more.
    SSL* ssl() const noexcept { return m_ssl; }
    void send_tls(std::string_view bytes);
    std::string read_tls_line();
    void send_close_notify();

    // Closes the socket at once, without any TLS close_notify.
    void drop();
    bool connected() const noexcept { return m_fd >= 0; }

private:
    int m_fd;
    SSL_CTX* m_ctx = nullptr;
    SSL* m_ssl = nullptr;
};

class thread_server {
public:
    explicit thread_server(std::function<void(scripted_peer&)> script);
    // `connections` connections, one after the other, each given to the
    // script with its number (0, 1, ...): for clients that retry.
    thread_server(std::function<void(scripted_peer&, unsigned)> script, unsigned connections);
    ~thread_server();  // joins the script's thread
    thread_server(const thread_server&) = delete;
    thread_server& operator=(const thread_server&) = delete;

    std::uint16_t port() const noexcept { return m_port; }

private:
    int m_listen_fd = -1;
    std::uint16_t m_port = 0;
    std::thread m_thread;
};

}  // namespace uvimap::test
