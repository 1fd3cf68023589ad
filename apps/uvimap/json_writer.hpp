// A small streaming JSON writer for the CLI's line-per-object output.
//
// Written here rather than taken from a library because the CLI needs only
// objects, arrays, strings and integers appended to a string, and one property
// that general writers do not give: arbitrary bytes (IMAP literals, 8-bit
// header text) must come out as valid JSON. Valid UTF-8 (as the wire layer's
// utf8.hpp defines it, so the CLI and the library agree) passes through;
// each byte that is not part of a valid UTF-8 sequence is written as the code
// point of the same value (\u00XX, that is, read as Latin-1), so nothing is
// lost and the output always parses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace uvimap::app {

class json_writer {
public:
    explicit json_writer(std::string& out) : m_out(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    // The key of the next member; call inside an object before each value.
    void key(std::string_view name);
    void string(std::string_view value);
    void number(std::int64_t value);
    void unsigned_number(std::uint64_t value);
    void real(double value);
    void boolean(bool value);
    void null();

    // Appends `value` as a JSON string literal (with quotes) to `out`.
    static void escape(std::string& out, std::string_view value);

private:
    void before_value();
    // Objects and arrays differ only in their brackets.
    void open(char bracket);
    void close(char bracket);

    std::string& m_out;
    // One entry per open container: true once it has a member, so the next
    // one is preceded by a comma.
    std::vector<bool> m_has_member;
    bool m_after_key = false;
};

}  // namespace uvimap::app
