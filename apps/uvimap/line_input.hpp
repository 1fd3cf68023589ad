// Lines typed by the user (or piped in) for `uvimap browse`.
//
// Reads block. browse waits for nothing else while the user thinks, and a
// blocking read works the same on a terminal, a pipe and a file, without
// switching a descriptor the shell shares to non-blocking mode. The server's
// bytes wait in the kernel meanwhile; the caller refreshes the loop's clock
// afterwards (uv_update_time), or the next deadline would start in the past.
#pragma once

#include <optional>
#include <string>

namespace uvimap::app {

class line_input {
public:
    explicit line_input(int fd) : m_fd(fd) {}

    // The next line without its LF or CRLF; nullopt at the end of the input
    // (or when it cannot be read). A last line without LF still counts. A
    // line longer than max_line_length is cut there; the rest is skipped.
    std::optional<std::string> next_line();

    static constexpr std::size_t max_line_length = 4096;

private:
    // Refills the buffer; false at the end of the input.
    bool fill();

    int m_fd;
    std::string m_buffer;
    std::size_t m_start = 0;
    bool m_ended = false;
};

}  // namespace uvimap::app
