#pragma once
// uvimap::error: the one exception type of every I/O layer of uvimap.
//
// The rule (docs/architecture.md, "Errors"): each layer owns its codes. A
// layer declares an `errc` enum of its own (async::errc, tls::errc,
// client::errc) and a category for it derived from uvimap::error_category,
// and throws uvimap::error carrying a std::error_code of that category. A
// program catches one type and branches on the code:
//
//     catch (const uvimap::error& e) {
//         if (e.code() == uvimap::tls::errc::hostname_mismatch) { ... }
//         log(uvimap::code_name(e.code()), e.what());   // "tls_hostname_mismatch"
//     }
//
// This target depends on nothing, so the layers share it without depending
// on each other; the sans-IO layers (wire, session) report errors as values
// and do not use it.

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace uvimap {

// The category every uvimap layer derives its own from. It adds a stable,
// unique, lower-case name per code, for logs, JSON output and scripts that
// must not depend on message texts.
class error_category : public std::error_category {
public:
    // E.g. "connection_refused", "tls_hostname_mismatch". Names are unique
    // across all uvimap categories and never change once released.
    virtual std::string_view code_name(int value) const noexcept = 0;
};

// The name and the message of one code of a table_category.
struct code_description {
    std::string_view name;
    std::string_view message;
};

// A category whose codes are 1, 2, ... N, described by a table whose entry
// i - 1 describes code i; each layer's category is one of these.
class table_category final : public error_category {
public:
    constexpr table_category(const char* name, std::span<const code_description> codes) noexcept
        : m_name(name), m_codes(codes) {}

    const char* name() const noexcept override { return m_name; }
    std::string message(int value) const override;
    std::string_view code_name(int value) const noexcept override;

private:
    const code_description* find(int value) const noexcept;

    const char* m_name;
    std::span<const code_description> m_codes;
};

// The stable name of `code`: code_name() of its category for uvimap codes,
// "<category>:<value>" for any other category (e.g. "generic:32").
std::string code_name(const std::error_code& code);

class error : public std::runtime_error {
public:
    // `message` is for people; `native_code` is the code of the library
    // below (a libuv UV_E* value, an X509_V_ERR_* or SSL_get_error value),
    // 0 when there is none.
    error(std::error_code code, const std::string& message, int native_code = 0);

    const std::error_code& code() const noexcept { return m_code; }
    int native_code() const noexcept { return m_native_code; }

private:
    std::error_code m_code;
    int m_native_code;
};

}  // namespace uvimap
