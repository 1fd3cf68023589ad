#include "line_input.hpp"

#include <unistd.h>

#include <cerrno>

namespace uvimap::app {

bool line_input::fill() {
    if (m_ended) {
        return false;
    }
    m_buffer.erase(0, m_start);
    m_start = 0;
    char chunk[1024];
    for (;;) {
        const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            m_ended = true;
            return false;
        }
        m_buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
}

std::optional<std::string> line_input::next_line() {
    std::size_t searched = m_start;
    for (;;) {
        const std::size_t lf = m_buffer.find('\n', searched);
        if (lf != std::string::npos) {
            std::string line = m_buffer.substr(m_start, lf - m_start);
            m_start = lf + 1;
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (line.size() > max_line_length) {
                line.resize(max_line_length);
            }
            return line;
        }
        // Nothing kept past the limit: a line without end cannot fill memory.
        if (m_buffer.size() - m_start > max_line_length + 1) {
            m_buffer.resize(m_start + max_line_length + 1);
        }
        searched = m_buffer.size();
        const std::size_t offset = searched - m_start;
        if (!fill()) {
            if (m_buffer.size() == m_start) {
                return std::nullopt;
            }
            std::string line = m_buffer.substr(m_start, max_line_length);
            m_start = m_buffer.size();
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            return line;
        }
        searched = m_start + offset;
    }
}

}  // namespace uvimap::app
