#pragma once
// An address on 127.0.0.1 that never answers a connection attempt: a
// listening socket whose accept queue is full, so that the kernel drops
// every further SYN, as a firewall that drops packets does (a black-holed
// IPv6 route is the common case in the field).

#include <cstdint>
#include <vector>

namespace uvimap::test {

class black_hole {
public:
    black_hole();
    ~black_hole();
    black_hole(const black_hole&) = delete;
    black_hole& operator=(const black_hole&) = delete;

    std::uint16_t port() const noexcept { return m_port; }

private:
    int m_listener = -1;
    std::vector<int> m_fillers;
    std::uint16_t m_port = 0;
};

}  // namespace uvimap::test
