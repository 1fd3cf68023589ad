#include "support/thread_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "support/openssl_server.hpp"

namespace uvimap::test {

scripted_peer::~scripted_peer() {
    drop();
}

void scripted_peer::drop() {
    if (m_ssl != nullptr) {
        SSL_free(m_ssl);
        m_ssl = nullptr;
    }
    if (m_ctx != nullptr) {
        SSL_CTX_free(m_ctx);
        m_ctx = nullptr;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

bool scripted_peer::send(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent <= 0) {
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

std::string scripted_peer::read_line() {
    std::string line;
    char c = 0;
    while (::recv(m_fd, &c, 1, 0) == 1) {
        line += c;
        if (c == '\n') {
            break;
        }
    }
    return line;
}

std::string scripted_peer::read_some() {
    std::string bytes(64 * 1024, '\0');
    const ssize_t received = ::recv(m_fd, bytes.data(), bytes.size(), 0);
    bytes.resize(received > 0 ? static_cast<std::size_t>(received) : 0);
    return bytes;
}

bool scripted_peer::accept_tls(const std::string& stem, int max_version) {
    m_ctx = SSL_CTX_new(TLS_server_method());
    if (max_version != 0) {
        SSL_CTX_set_security_level(m_ctx, 0);
        SSL_CTX_set_min_proto_version(m_ctx, TLS1_VERSION);
        SSL_CTX_set_max_proto_version(m_ctx, max_version);
        SSL_CTX_set_cipher_list(m_ctx, "DEFAULT@SECLEVEL=0");
    }
    const std::filesystem::path& dir = test_cert_dir();
    SSL_CTX_use_certificate_file(m_ctx, (dir / (stem + ".pem")).c_str(), SSL_FILETYPE_PEM);
    SSL_CTX_use_PrivateKey_file(m_ctx, (dir / (stem + ".key")).c_str(), SSL_FILETYPE_PEM);
    m_ssl = SSL_new(m_ctx);
    SSL_set_fd(m_ssl, m_fd);
    return SSL_accept(m_ssl) == 1;
}

std::string scripted_peer::server_name() const {
    const char* name =
        m_ssl != nullptr ? SSL_get_servername(m_ssl, TLSEXT_NAMETYPE_host_name) : nullptr;
    return name != nullptr ? name : "";
}

void scripted_peer::send_tls(std::string_view bytes) {
    SSL_write(m_ssl, bytes.data(), static_cast<int>(bytes.size()));
}

std::string scripted_peer::read_tls_line() {
    std::string line;
    char c = 0;
    while (SSL_read(m_ssl, &c, 1) == 1) {
        line += c;
        if (c == '\n') {
            break;
        }
    }
    return line;
}

void scripted_peer::send_close_notify() {
    SSL_shutdown(m_ssl);
}

thread_server::thread_server(std::function<void(scripted_peer&)> script)
    : thread_server([script = std::move(script)](scripted_peer& peer, unsigned) { script(peer); },
                    1) {}

thread_server::thread_server(std::function<void(scripted_peer&, unsigned)> script,
                             unsigned connections) {
    // Certificates are made before the thread starts so that the thread
    // never races the test's own first use of them.
    test_cert_dir();
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listen_fd, 16) != 0) {
        throw std::runtime_error("scripted server: cannot listen");
    }
    socklen_t length = sizeof address;
    ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([fd = m_listen_fd, script = std::move(script), connections] {
        for (unsigned i = 0; i < connections; ++i) {
            const int connection = ::accept(fd, nullptr, nullptr);
            if (connection < 0) {
                return;
            }
            scripted_peer peer(connection);
            script(peer, i);
        }
    });
}

thread_server::~thread_server() {
    // Wakes a thread still blocked in accept() if the client never came.
    ::shutdown(m_listen_fd, SHUT_RDWR);
    m_thread.join();
    ::close(m_listen_fd);
}

}  // namespace uvimap::test
