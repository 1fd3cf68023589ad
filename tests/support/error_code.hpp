#pragma once
// Which uvimap::error a piece of code ends in: the tests assert on codes,
// not on message texts.

#include <doctest/doctest.h>

#include <exception>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

#include "uvimap/async/task.hpp"
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

// The code of the one error in `errors` (an async_scope's, say); fails the
// test unless there is exactly one.
inline std::error_code only_error_code(const std::vector<std::exception_ptr>& errors) {
    REQUIRE(errors.size() == 1);
    return error_code_of(errors.front());
}

// The same from inside a coroutine: the code of the uvimap::error that
// awaiting `work` throws.
template <class T>
async::task<std::error_code> failure_code(async::task<T> work) {
    std::exception_ptr failure;
    try {
        co_await work;
    } catch (...) {
        failure = std::current_exception();
    }
    if (!failure) {
        FAIL("no uvimap::error was thrown");
        co_return std::error_code{};
    }
    co_return error_code_of(failure);
}

}  // namespace uvimap::test

// doctest prints the two sides of a failed CHECK(a == b): name the code.
template <>
struct doctest::StringMaker<std::error_code> {
    static doctest::String convert(const std::error_code& code) {
        return uvimap::code_name(code).c_str();
    }
};
