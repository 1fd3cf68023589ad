#pragma once
// Runtime skips that CTest reports as skipped, not passed: doctest 2.4 has
// no runtime skip, so the suites print a marker that CTest's
// SKIP_REGULAR_EXPRESSION (set in tests/CMakeLists.txt) recognises.

#include <iostream>
#include <string_view>

namespace uvimap::test {

inline constexpr std::string_view skip_marker = "[uvimap-test-skipped]";

// Prints the marker and the reason; the caller then returns from the case.
inline void report_skip(std::string_view reason) {
    std::cout << skip_marker << ' ' << reason << std::endl;
}

}  // namespace uvimap::test
