#include "support/openssl_server.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "support/test_certs.hpp"

namespace uvimap::test {

openssl_server::openssl_server(const std::filesystem::path& cert, const std::filesystem::path& key,
                               std::uint16_t port) {
    const std::string accept = "127.0.0.1:" + std::to_string(port);
    int output[2];
    if (pipe(output) != 0) {
        throw std::runtime_error("pipe failed");
    }
    m_pid = fork();
    if (m_pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (m_pid == 0) {
        dup2(output[1], STDOUT_FILENO);
        close(output[0]);
        close(output[1]);
        std::freopen("/dev/null", "r", stdin);
        std::freopen("/dev/null", "w", stderr);
        execlp("openssl", "openssl", "s_server", "-accept", accept.c_str(), "-cert", cert.c_str(),
               "-key", key.c_str(), "-www", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(output[1]);
    // s_server announces that it listens with "ACCEPT 127.0.0.1:PORT", or
    // just "ACCEPT" when it was given a port.
    FILE* lines = fdopen(output[0], "r");
    char line[256];
    while (m_port == 0 && std::fgets(line, sizeof line, lines) != nullptr) {
        const std::string text(line);
        if (text.rfind("ACCEPT", 0) == 0) {
            const std::size_t colon = text.rfind(':');
            m_port = colon == std::string::npos
                         ? port
                         : static_cast<std::uint16_t>(std::stoi(text.substr(colon + 1)));
        }
    }
    std::fclose(lines);
    if (m_port == 0) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
        throw std::runtime_error("openssl s_server did not start");
    }
}

openssl_server::~openssl_server() {
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }
}

const std::filesystem::path& test_cert_dir() {
    static const std::filesystem::path dir = [] {
        char pattern[] = "/tmp/uvimap-certs-XXXXXX";
        const char* made = mkdtemp(pattern);
        if (made == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        std::filesystem::path path(made);
        write_test_certs(path);
        return path;
    }();
    return dir;
}

}  // namespace uvimap::test
