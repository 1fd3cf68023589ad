// The peak resident set --stats reports: this process's own, and it grows
// with what the process touches.

#include <doctest/doctest.h>

#include <cstring>
#include <memory>

#include "peak_memory.hpp"

TEST_SUITE("cli: peak memory") {
    TEST_CASE("the peak resident set grows when memory is touched") {
        const long before = uvimap::app::peak_resident_kib();
        CHECK(before > 0);
        constexpr std::size_t size = 64 * 1024 * 1024;
        std::unique_ptr<char[]> block(new char[size]);
        std::memset(block.get(), 1, size);
        CHECK(block[size - 1] == 1);
        CHECK(uvimap::app::peak_resident_kib() >= before + 60 * 1024);
    }
}
