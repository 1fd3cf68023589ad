// A small stand-in for C++23 std::expected, so that the wire layer can report
// errors as values while the project still builds as C++20 on GCC 12.
//
// The wire layer never throws (see docs and STYLE practice 3): every fallible
// function returns `expected<T, E>`, holding either the value or the error.
// Only the parts of std::expected's interface that the layer needs are here,
// with the same names, so that switching to std::expected later is a rename.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace uvimap::wire {

// Wraps an error so that `return unexpected{err};` converts to any expected<T, E>.
template <class E>
class unexpected {
public:
    explicit unexpected(E error) : m_error(std::move(error)) {}

    const E& error() const& { return m_error; }
    E&& error() && { return std::move(m_error); }

private:
    E m_error;
};

// Holds either a T (success) or an E (failure). Accessing the side that is not
// held is a programming error and trips an assertion in debug builds rather
// than throwing, because the wire layer is built to be exception-free. The
// type is [[nodiscard]]: an error value that nobody looks at is a bug.
template <class T, class E>
class [[nodiscard]] expected {
public:
    expected(const T& value) : m_storage(std::in_place_index<0>, value) {}
    expected(T&& value) : m_storage(std::in_place_index<0>, std::move(value)) {}
    template <class G>
    expected(unexpected<G> error) : m_storage(std::in_place_index<1>, std::move(error).error()) {}

    bool has_value() const { return m_storage.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & {
        assert(has_value());
        return *std::get_if<0>(&m_storage);
    }
    const T& value() const& {
        assert(has_value());
        return *std::get_if<0>(&m_storage);
    }
    T&& value() && {
        assert(has_value());
        return std::move(*std::get_if<0>(&m_storage));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const E& error() const& {
        assert(!has_value());
        return *std::get_if<1>(&m_storage);
    }
    E&& error() && {
        assert(!has_value());
        return std::move(*std::get_if<1>(&m_storage));
    }

private:
    std::variant<T, E> m_storage;
};

// The specialisation for operations that produce nothing but may fail.
template <class E>
class [[nodiscard]] expected<void, E> {
public:
    expected() = default;
    template <class G>
    expected(unexpected<G> error) : m_error(std::move(error).error()), m_failed(true) {}

    bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }

    const E& error() const& {
        assert(m_failed);
        return m_error;
    }

private:
    E m_error{};
    bool m_failed = false;
};

}  // namespace uvimap::wire
