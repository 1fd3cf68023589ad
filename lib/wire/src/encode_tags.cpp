// Tags (validity and allocation) and what the session logs of an encoded
// command: its bytes, with secrets redacted or not.
#include <algorithm>

#include "chars.hpp"
#include "uvimap/wire/encoder.hpp"

namespace uvimap::wire {

std::string redact(const fragment& f) {
    std::string out;
    std::size_t pos = 0;
    for (const byte_range& r : f.secrets) {
        if (r.offset < pos || r.offset > f.bytes.size())
            continue;
        out.append(f.bytes, pos, r.offset - pos);
        out += redacted_text;
        pos = std::min(f.bytes.size(), r.offset + r.length);
    }
    out.append(f.bytes, pos, std::string::npos);
    return out;
}

std::string encoded_command::bytes() const {
    std::string out;
    for (const fragment& f : fragments)
        out += f.bytes;
    return out;
}

std::string encoded_command::redacted() const {
    std::string out;
    for (const fragment& f : fragments)
        out += redact(f);
    return out;
}

std::size_t encoded_command::sync_literal_count() const {
    std::size_t n = 0;
    for (const fragment& f : fragments) {
        if (f.kind == fragment_kind::literal && f.mode == literal_mode::sync)
            ++n;
    }
    return n;
}

bool is_valid_tag(std::string_view tag) {
    if (tag.empty())
        return false;
    for (char c : tag) {
        if (!detail::is_strict_atom_char(c) || c == '+')
            return false;
    }
    return true;
}

expected<tag_allocator, encode_error> tag_allocator::with_prefix(std::string_view prefix) {
    // The counter appends digits, so the prefix alone decides validity; an
    // empty prefix is fine (tags are then plain numbers).
    if (!prefix.empty() && !is_valid_tag(prefix)) {
        return unexpected{encode_error{encode_errc::invalid_tag}};
    }
    tag_allocator a;
    a.m_prefix.assign(prefix);
    return a;
}

std::string tag_allocator::peek() const {
    return m_prefix + std::to_string(m_next);
}

std::string tag_allocator::next() {
    std::string tag = peek();
    ++m_next;
    return tag;
}

}  // namespace uvimap::wire
