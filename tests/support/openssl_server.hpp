#pragma once
// A real TLS server for the tests: `openssl s_server` in -www mode on
// 127.0.0.1 at a free port, with a certificate of our choosing.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>

namespace uvimap::test {

class openssl_server {
public:
    // Starts s_server with `cert` and `key` on `port` (0: a free one) and
    // waits until it listens.
    openssl_server(const std::filesystem::path& cert, const std::filesystem::path& key,
                   std::uint16_t port = 0);
    ~openssl_server();
    openssl_server(const openssl_server&) = delete;
    openssl_server& operator=(const openssl_server&) = delete;

    std::uint16_t port() const noexcept { return m_port; }

private:
    pid_t m_pid = -1;
    std::uint16_t m_port = 0;
};

// A directory holding the standard test certificates (see test_certs.hpp),
// made once per test process.
const std::filesystem::path& test_cert_dir();

}  // namespace uvimap::test
