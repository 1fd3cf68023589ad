#include "uvimap/wire/framer.hpp"

#include <algorithm>
#include <cstring>

namespace uvimap::wire {

std::string_view to_string(error_kind kind) noexcept {
    switch (kind) {
        case error_kind::line_too_long:
            return "line_too_long";
        case error_kind::literal_too_large:
            return "literal_too_large";
        case error_kind::literal_size_overflow:
            return "literal_size_overflow";
        case error_kind::response_too_large:
            return "response_too_large";
        case error_kind::too_many_literals:
            return "too_many_literals";
        case error_kind::syntax:
            return "syntax";
        case error_kind::number_overflow:
            return "number_overflow";
        case error_kind::nesting_too_deep:
            return "nesting_too_deep";
    }
    return "unknown";
}

std::uint64_t stream_offset(const frame& f, std::size_t pos) noexcept {
    std::uint64_t off = f.offset + pos;
    for (const literal_ref& lit : f.literals) {
        if (lit.streamed && lit.offset <= pos) {
            off += lit.size;
        }
    }
    return off;
}

framer::framer(framer_options options) : m_options(options) {}

void framer::reset() noexcept {
    m_size = 0;
    m_start = 0;
    m_frame_offset = 0;
    m_have_frame = false;
    m_failed = false;
    m_error = {};
    m_frame = {};
    start_frame();
}

void framer::start_frame() noexcept {
    m_pos = 0;
    m_line_start = 0;
    m_in_literal = false;
    m_streaming = false;
    m_literal_left = 0;
    m_frame_streamed = 0;
    m_literals.clear();
}

void framer::compact() noexcept {
    if (m_start == 0) {
        return;
    }
    // This also runs while a frame is held: next() skips the held frame by
    // its length from m_start, which moves with it, and the frame's views
    // are invalidated by feed() and prepare() anyway. Refusing then would
    // let a caller that feeds before releasing each frame grow the buffer
    // with the whole stream.
    std::memmove(m_data.get(), m_data.get() + m_start, m_size - m_start);
    m_size -= m_start;
    m_start = 0;
}

namespace {

// Buffers up to this size are kept however empty they are.
constexpr std::size_t small_buffer = 16 * 1024;

// True when the buffer is more than four times what the unconsumed bytes
// plus the next read need: what is left after a big literal or a long
// burst, which a connection that has gone quiet should give back.
bool oversized(std::size_t capacity, std::size_t needed) noexcept {
    return capacity > small_buffer && capacity / 4 >= needed;
}

}  // namespace

void framer::reserve(std::size_t n) {
    // Compact only when the end of the buffer has no room. Moving the
    // unconsumed tail on every read cost a memmove of up to a whole response
    // per read, most of the time spent on a stream of large literals. The
    // buffer grows only when the unconsumed bytes and the read do not fit,
    // and shrinks when it has become far too big for them.
    const std::size_t needed = m_size - m_start + n;
    const bool shrink = oversized(m_capacity, needed);
    if (m_capacity - m_size >= n && !shrink) {
        return;
    }
    compact();
    if (m_capacity - m_size >= n && !shrink) {
        return;
    }
    std::size_t cap = 4096;
    if (shrink) {
        while (cap < 2 * needed) {
            cap *= 2;
        }
    } else {
        cap = std::max(m_capacity * 2, cap);
        while (cap - m_size < n) {
            cap *= 2;
        }
    }
    std::unique_ptr<char[]> data(new char[cap]);
    if (m_size > 0) {
        std::memcpy(data.get(), m_data.get(), m_size);
    }
    m_data = std::move(data);
    m_capacity = cap;
}

void framer::feed(std::string_view bytes) {
    if (m_failed) {
        return;
    }
    // While a streamed literal is waiting for data and nothing unscanned is
    // buffered, hand the bytes to the sink straight from the caller's buffer.
    if (m_in_literal && m_streaming && !m_have_frame && m_start + m_pos == m_size) {
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(m_literal_left, bytes.size()));
        if (n > 0) {
            m_options.sink->on_literal_data(bytes.substr(0, n));
            m_literal_left -= n;
            m_frame_streamed += n;
            bytes.remove_prefix(n);
        }
        if (m_literal_left == 0) {
            m_options.sink->on_literal_end();
            m_in_literal = false;
            m_streaming = false;
            m_line_start = m_pos;
        }
    }
    if (bytes.empty()) {
        return;
    }
    reserve(bytes.size());
    std::memcpy(m_data.get() + m_size, bytes.data(), bytes.size());
    m_size += bytes.size();
}

std::span<char> framer::prepare(std::size_t n) {
    reserve(n);
    return {m_data.get() + m_size, m_capacity - m_size};
}

void framer::commit(std::size_t n) {
    m_size += std::min(n, m_capacity - m_size);
}

bool framer::fail(error_kind kind, std::size_t frame_pos, std::string_view expected) noexcept {
    m_failed = true;
    m_error.kind = kind;
    m_error.offset = m_frame_offset + frame_pos + m_frame_streamed;
    m_error.expected = expected;
    return false;
}

void framer::stream_from_buffer() {
    char* at = m_data.get() + m_start + m_pos;
    const std::size_t avail = m_size - (m_start + m_pos);
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(m_literal_left, avail));
    if (n > 0) {
        m_options.sink->on_literal_data({at, n});
        // Streamed bytes leave the buffer, so the frame holds only lines.
        std::memmove(at, at + n, avail - n);
        m_size -= n;
        m_literal_left -= n;
        m_frame_streamed += n;
    }
    if (m_literal_left == 0) {
        m_options.sink->on_literal_end();
    }
}

// Called with the frame-relative position of the LF that ends a line. Returns
// false on a framing error. Sets m_in_literal when the line announces one.
bool framer::on_line_end(std::size_t lf) {
    const char* base = m_data.get() + m_start;
    std::size_t end = lf;
    if (end > m_line_start && base[end - 1] == '\r') {
        --end;
    }
    if (end - m_line_start < 3 || base[end - 1] != '}') {
        return true;
    }
    std::size_t j = end - 1;  // At '}'.
    if (base[j - 1] == '+') {
        --j;  // "{n+}" is a client form; accept it from a server too.
    }
    std::size_t digits_end = j;
    while (j > m_line_start && base[j - 1] >= '0' && base[j - 1] <= '9') {
        --j;
    }
    if (j == digits_end || j == m_line_start || base[j - 1] != '{') {
        return true;  // Text that merely ends in '}'.
    }
    const std::size_t digits_begin = j;
    const bool binary = j - 1 > m_line_start && base[j - 2] == '~';
    std::uint64_t size = 0;
    for (std::size_t k = digits_begin; k < digits_end; ++k) {
        const std::uint64_t d = static_cast<std::uint64_t>(base[k] - '0');
        if (size > (UINT64_MAX - d) / 10) {
            return fail(error_kind::literal_size_overflow, digits_begin,
                        "literal size that fits in 64 bits");
        }
        size = size * 10 + d;
    }
    if (size > m_options.limits.max_literal_size) {
        return fail(error_kind::literal_too_large, digits_begin,
                    "literal size within limits::max_literal_size");
    }
    if (m_literals.size() >= m_options.limits.max_literals_per_response) {
        return fail(error_kind::too_many_literals, digits_begin,
                    "at most limits::max_literals_per_response literals");
    }
    const bool streamed = m_options.sink != nullptr && size >= m_options.stream_threshold;
    const std::size_t data_pos = lf + 1;
    if (!streamed && size > m_options.limits.max_response_size -
                                std::min(data_pos, m_options.limits.max_response_size)) {
        return fail(error_kind::response_too_large, digits_begin,
                    "response size within limits::max_response_size");
    }
    m_literals.push_back({data_pos, size, binary, streamed});
    m_in_literal = true;
    m_streaming = streamed;
    m_literal_left = size;
    if (streamed) {
        m_options.sink->on_literal_begin({base, data_pos}, size, binary);
    }
    return true;
}

frame_status framer::next() {
    if (m_failed) {
        return frame_status::failed;
    }
    if (m_have_frame) {
        m_frame_offset += m_frame.bytes.size() + m_frame_streamed;
        m_start += m_frame.bytes.size();
        m_have_frame = false;
        start_frame();
    }
    if (m_pos == 0 && m_literals.empty()) {
        // Some servers pad with NUL bytes between responses; they are never
        // the start of a response, so drop them here.
        while (m_start < m_size && m_data[m_start] == '\0') {
            ++m_start;
            ++m_frame_offset;
        }
    }
    const limits& lim = m_options.limits;
    for (;;) {
        if (m_in_literal) {
            if (m_streaming) {
                stream_from_buffer();
            } else {
                const std::size_t avail = m_size - (m_start + m_pos);
                const std::size_t n =
                    static_cast<std::size_t>(std::min<std::uint64_t>(m_literal_left, avail));
                m_pos += n;
                m_literal_left -= n;
            }
            if (m_literal_left > 0) {
                return frame_status::need_more;
            }
            m_in_literal = false;
            m_streaming = false;
            m_line_start = m_pos;
        }
        const char* base = m_data.get() + m_start;
        const std::size_t avail = m_size - m_start;
        const void* lf = avail > m_pos ? std::memchr(base + m_pos, '\n', avail - m_pos) : nullptr;
        if (lf == nullptr) {
            m_pos = avail;
            if (m_pos - m_line_start > lim.max_line_length) {
                fail(error_kind::line_too_long, m_line_start + lim.max_line_length,
                     "line end within limits::max_line_length");
                return frame_status::failed;
            }
            return frame_status::need_more;
        }
        const std::size_t lf_pos = static_cast<std::size_t>(static_cast<const char*>(lf) - base);
        if (lf_pos - m_line_start > lim.max_line_length) {
            fail(error_kind::line_too_long, m_line_start + lim.max_line_length,
                 "line end within limits::max_line_length");
            return frame_status::failed;
        }
        if (lf_pos + 1 > lim.max_response_size) {
            fail(error_kind::response_too_large, lf_pos,
                 "response size within limits::max_response_size");
            return frame_status::failed;
        }
        m_pos = lf_pos + 1;
        if (!on_line_end(lf_pos)) {
            return frame_status::failed;
        }
        if (m_in_literal) {
            continue;
        }
        m_frame.bytes = {base, m_pos};
        m_frame.literals = m_literals;
        m_frame.offset = m_frame_offset;
        m_have_frame = true;
        return frame_status::ready;
    }
}

}  // namespace uvimap::wire
