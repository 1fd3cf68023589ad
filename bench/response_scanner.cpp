#include "response_scanner.hpp"

#include <algorithm>
#include <cstring>

namespace uvimap::bench {

namespace {

// The size announced by a line that ends in "{N}\r" (the '\n' already
// gone), or -1.
long long literal_size(const std::string& tail) {
    if (tail.size() < 4 || tail[tail.size() - 1] != '\r' || tail[tail.size() - 2] != '}')
        return -1;
    std::size_t open = tail.rfind('{', tail.size() - 3);
    if (open == std::string::npos || open + 1 == tail.size() - 2)
        return -1;
    long long size = 0;
    for (std::size_t i = open + 1; i < tail.size() - 2; ++i) {
        const char c = tail[i];
        if (c < '0' || c > '9' || size > (1LL << 50))
            return -1;
        size = size * 10 + (c - '0');
    }
    return size;
}

}  // namespace

bool response_scanner::all_ok() const noexcept {
    return std::all_of(std::begin(m_ok), std::end(m_ok), [](bool ok) { return ok; });
}

void response_scanner::feed(std::span<const char> bytes) {
    const char* data = bytes.data();
    std::size_t pos = 0;
    const std::size_t size = bytes.size();
    while (pos < size) {
        if (m_literal_left > 0) {
            const std::size_t take =
                static_cast<std::size_t>(std::min<std::uint64_t>(m_literal_left, size - pos));
            pos += take;
            m_literal_left -= take;
            continue;
        }
        const void* newline = std::memchr(data + pos, '\n', size - pos);
        const std::size_t end =
            newline != nullptr ? static_cast<std::size_t>(static_cast<const char*>(newline) - data)
                               : size;
        if (m_head.size() < head_size)
            m_head.append(data + pos, std::min(end - pos, head_size - m_head.size()));
        const std::size_t tail_from = std::max(pos, end >= tail_size ? end - tail_size : 0);
        m_tail.append(data + tail_from, end - tail_from);
        if (m_tail.size() > tail_size)
            m_tail.erase(0, m_tail.size() - tail_size);
        pos = end;
        if (newline != nullptr) {
            ++pos;
            end_of_line();
        }
    }
}

void response_scanner::end_of_line() {
    const long long literal = literal_size(m_tail);
    m_tail.clear();
    if (literal >= 0) {
        // The response goes on after the literal: keep its head.
        m_literal_left = static_cast<std::uint64_t>(literal);
        return;
    }
    if (m_head.size() >= 2 && m_head[0] >= 'a' && m_head[0] <= 'd' && m_head[1] == ' ') {
        const int tag = m_head[0] - 'a';
        if (!m_seen[tag]) {
            m_seen[tag] = true;
            m_ok[tag] = m_head.compare(2, 2, "OK") == 0;
            if (!m_ok[tag] && m_first_failure.empty())
                m_first_failure = m_head;
        }
    }
    m_head.clear();
}

}  // namespace uvimap::bench
