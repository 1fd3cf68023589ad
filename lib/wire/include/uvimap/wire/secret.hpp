// A credential that never shows up in logs by accident.
//
// Passwords and SASL responses travel through command structs, test failure
// messages and protocol traces. Wrapping them in `secret` means every generic
// way of printing one (operator<<, to_string) yields `<redacted>`; the bytes
// are reachable only through the explicitly named `expose()`, which is easy to
// grep for. The encoder also marks the bytes a secret turns into, so a trace
// of the encoded command can be redacted (see encoder.hpp).
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace uvimap::wire {

class secret {
public:
    secret() = default;
    explicit secret(std::string value) : m_value(std::move(value)) {}
    secret(const secret&) = default;
    secret(secret&&) noexcept = default;
    // Assignment wipes the value being replaced before it is released.
    secret& operator=(const secret& other) {
        if (this != &other) {
            wipe();
            m_value = other.m_value;
        }
        return *this;
    }
    secret& operator=(secret&& other) noexcept {
        if (this != &other) {
            wipe();
            m_value = std::move(other.m_value);
        }
        return *this;
    }

    // Overwrites the bytes before releasing them, so that a freed password
    // does not linger in the heap for a core dump to find. This is best
    // effort: copies made by callers are theirs to clear, and a moved-from
    // std::string may leave bytes in its small-string buffer.
    ~secret() { wipe(); }

    // The actual bytes. Named loudly on purpose: call it only where the
    // value must go on the wire.
    std::string_view expose() const { return m_value; }
    bool empty() const { return m_value.empty(); }
    std::size_t size() const { return m_value.size(); }

    friend bool operator==(const secret& a, const secret& b) { return a.m_value == b.m_value; }

private:
    void wipe() {
        volatile char* p = m_value.data();
        for (std::size_t i = 0; i < m_value.size(); ++i)
            p[i] = 0;
    }

    std::string m_value;
};

// What a secret looks like in any output meant for people.
inline constexpr std::string_view redacted_text = "<redacted>";

inline std::string to_string(const secret&) {
    return std::string(redacted_text);
}

inline std::ostream& operator<<(std::ostream& os, const secret&) {
    return os << redacted_text;
}

}  // namespace uvimap::wire

// fmt is the project's formatting library, so `fmt::format("{}", password)`
// must redact too. The check keeps the wire headers usable on their own where
// fmt is absent (the wire target does not link it; the specialisation is
// header-only and costs nothing to code that never formats a secret).
#if __has_include(<fmt/core.h>)
#include <fmt/core.h>

template <>
struct fmt::formatter<uvimap::wire::secret> : fmt::formatter<std::string_view> {
    template <class FormatContext>
    auto format(const uvimap::wire::secret&, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(uvimap::wire::redacted_text, ctx);
    }
};
#endif
