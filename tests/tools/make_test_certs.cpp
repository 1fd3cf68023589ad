// uvimap-test-certs DIR: writes the test certificate set (see
// support/test_certs.hpp) for the Dovecot fixture and the TLS tests.

#include <cstdio>
#include <exception>

#include "support/test_certs.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    try {
        uvimap::test::write_test_certs(argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "uvimap-test-certs: %s\n", e.what());
        return 1;
    }
    return 0;
}
