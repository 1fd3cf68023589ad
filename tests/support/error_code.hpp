#pragma once
// Which uvimap::error a piece of code ends in: the tests assert on codes,
// not on message texts.

#include <doctest/doctest.h>

#include <exception>
#include <functional>
#include <string>

#include "uvimap/async/error.hpp"

namespace uvimap::test {

// The code of the uvimap::error in `failure`; fails the test if it holds
// something else.
inline errc error_code_of(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const error& e) {
        MESSAGE("error: " << std::string(e.what()));
        return e.code();
    } catch (...) {
        FAIL("not a uvimap::error");
    }
    return errc::invalid_state;
}

// The code of the uvimap::error that `action` throws; fails the test if none.
inline errc error_code_of(const std::function<void()>& action) {
    try {
        action();
    } catch (...) {
        return error_code_of(std::current_exception());
    }
    FAIL("no uvimap::error was thrown");
    return errc::invalid_state;
}

}  // namespace uvimap::test
