// Counts heap allocations made through operator new in this process.
//
// alloc_counter.cpp replaces the global operator new and delete. It is
// compiled into the programs that measure allocations, and only those:
// test_wire (steady-state parsing allocates nothing) and bench_parser
// (allocations per response). malloc() is not counted, which is why the bench
// reports the figure for the uvimap runs only: libetpan allocates with malloc().
#pragma once

#include <cstdint>

namespace uvimap::test {

// Allocations through any form of operator new since the process started.
std::uint64_t allocation_count() noexcept;

}  // namespace uvimap::test
