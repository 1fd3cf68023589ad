// The raw floor's only look at what the server sends: a scan for the
// tagged completions of its four pipelined commands, a, b, c and d.
//
// It does not parse IMAP. It finds line ends with memchr, looks at the
// first four bytes of each line ("a OK", "c NO"...) and skips the bytes of
// literals ("{256}" before a line end), so that message text that happens
// to start a line with "c OK" is never taken for a completion. That is the
// least any correct client must do with the bytes, which is what makes it
// a floor.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace uvimap::bench {

class response_scanner {
public:
    // Scans the next bytes of the server's stream, split anywhere.
    void feed(std::span<const char> bytes);

    // True once the completion of the last command (tag d) arrived.
    bool finished() const noexcept { return m_seen[3]; }
    // True if all four commands completed with OK.
    bool all_ok() const noexcept;
    // The tag and status of the first command that did not complete with
    // OK, e.g. "a NO", or "" if none (yet).
    const std::string& first_failure() const noexcept { return m_first_failure; }

private:
    void end_of_line();

    static constexpr std::size_t head_size = 4;   // "a OK"
    static constexpr std::size_t tail_size = 24;  // "{18446744073709551615}\r"
    std::string m_head;
    std::string m_tail;
    std::uint64_t m_literal_left = 0;
    bool m_seen[4] = {};
    bool m_ok[4] = {};
    std::string m_first_failure;
};

}  // namespace uvimap::bench
