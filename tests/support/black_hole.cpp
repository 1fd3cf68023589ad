#include "support/black_hole.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace uvimap::test {

namespace {

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

// Starts a non-blocking connect; true if the handshake completed within
// 100 ms (the accept queue still had room).
bool connects(int fd, std::uint16_t port) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    const sockaddr_in address = loopback(port);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
        return true;
    }
    pollfd wait{fd, POLLOUT, 0};
    return ::poll(&wait, 1, 100) == 1;
}

}  // namespace

black_hole::black_hole() {
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback(0);
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 0) != 0) {
        throw std::runtime_error("black hole: cannot listen");
    }
    socklen_t length = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    // Fill the accept queue (never accepting) until a handshake stalls.
    for (int i = 0; i < 16; ++i) {
        const int filler = ::socket(AF_INET, SOCK_STREAM, 0);
        m_fillers.push_back(filler);
        if (!connects(filler, m_port)) {
            return;
        }
    }
    throw std::runtime_error("black hole: the accept queue never filled");
}

black_hole::~black_hole() {
    for (int fd : m_fillers) {
        ::close(fd);
    }
    ::close(m_listener);
}

}  // namespace uvimap::test
