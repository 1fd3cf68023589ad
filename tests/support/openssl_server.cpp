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

openssl_server::openssl_server(const std::filesystem::path& cert,
                               const std::filesystem::path& key) {
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
        execlp("openssl", "openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", cert.c_str(),
               "-key", key.c_str(), "-www", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(output[1]);
    // s_server announces its port as "ACCEPT 127.0.0.1:PORT".
    FILE* lines = fdopen(output[0], "r");
    char line[256];
    while (m_port == 0 && std::fgets(line, sizeof line, lines) != nullptr) {
        const std::string text(line);
        if (text.rfind("ACCEPT", 0) == 0) {
            m_port = static_cast<std::uint16_t>(std::stoi(text.substr(text.rfind(':') + 1)));
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
