#pragma once
// Which uvimap::error a piece of code ends in: the tests assert on codes,
// not on message texts.

#include <doctest/doctest.h>

#include <exception>
#include <functional>
#include <string>
#include <system_error>

#include "uvimap/error.hpp"

namespace uvimap::test {

// The code of the uvimap::error in `failure`; fails the test if it holds
// something else.
inline std::error_code error_code_of(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const error& e) {
        MESSAGE(code_name(e.code()) << ": " << std::string(e.what()));
        return e.code();
    } catch (const std::exception& e) {
        FAIL("not a uvimap::error: " << std::string(e.what()));
    } catch (...) {
        FAIL("not a uvimap::error");
    }
    return {};
}

// The code of the uvimap::error that `action` throws; fails the test if none.
inline std::error_code error_code_of(const std::function<void()>& action) {
    try {
        action();
    } catch (...) {
        return error_code_of(std::current_exception());
    }
    FAIL("no uvimap::error was thrown");
    return {};
}

}  // namespace uvimap::test

// doctest prints the two sides of a failed CHECK(a == b): name the code.
template <>
struct doctest::StringMaker<std::error_code> {
    static doctest::String convert(const std::error_code& code) {
        return uvimap::code_name(code).c_str();
    }
};
