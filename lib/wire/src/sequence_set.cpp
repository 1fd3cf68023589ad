#include "uvimap/wire/sequence_set.hpp"

#include <algorithm>
#include <optional>

namespace uvimap::wire {
namespace {

void append_number(std::string& out, std::uint32_t n) {
    if (n == star) {
        out += '*';
    } else {
        out += std::to_string(n);
    }
}

// Reads one `seq-number` at `pos`: an nz-number or, when allowed, `*`.
expected<std::uint32_t, sequence_set_error> read_seq_number(std::string_view text, std::size_t& pos,
                                                            bool allow_star) {
    if (pos >= text.size()) {
        return unexpected{sequence_set_error{sequence_set_errc::expected_number, pos}};
    }
    if (text[pos] == '*') {
        if (!allow_star) {
            return unexpected{sequence_set_error{sequence_set_errc::star_not_allowed, pos}};
        }
        ++pos;
        return star;
    }
    const std::size_t start = pos;
    std::uint64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + static_cast<std::uint64_t>(text[pos] - '0');
        // Checking on every digit keeps the 64-bit accumulator from wrapping
        // however many digits a hostile server sends.
        if (value > 0xffffffffull) {
            return unexpected{sequence_set_error{sequence_set_errc::overflow, start}};
        }
        ++pos;
    }
    if (pos == start) {
        return unexpected{sequence_set_error{sequence_set_errc::expected_number, pos}};
    }
    if (text[start] == '0') {
        const auto code =
            (pos - start == 1) ? sequence_set_errc::zero : sequence_set_errc::leading_zero;
        return unexpected{sequence_set_error{code, start}};
    }
    return static_cast<std::uint32_t>(value);
}

// Walks the ranges of a set, calling on_range(first, last) for each, without
// allocating; shared by parsing and by the response grammar's validation.
template <class OnRange>
std::optional<sequence_set_error> scan_set(std::string_view text, bool allow_star,
                                           OnRange&& on_range) {
    if (text.empty())
        return sequence_set_error{sequence_set_errc::empty, 0};
    std::size_t pos = 0;
    for (;;) {
        auto first = read_seq_number(text, pos, allow_star);
        if (!first)
            return first.error();
        std::uint32_t last = *first;
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            auto second = read_seq_number(text, pos, allow_star);
            if (!second)
                return second.error();
            last = *second;
        }
        on_range(*first, last);
        if (pos == text.size())
            return std::nullopt;
        if (text[pos] != ',')
            return sequence_set_error{sequence_set_errc::unexpected_character, pos};
        ++pos;
    }
}

expected<sequence_set, sequence_set_error> parse_set(std::string_view text, bool allow_star) {
    std::vector<seq_range> ranges;
    const auto failure =
        scan_set(text, allow_star, [&ranges](std::uint32_t first, std::uint32_t last) {
            ranges.push_back(seq_range{first, last});
        });
    if (failure)
        return unexpected{*failure};
    return sequence_set(std::move(ranges));
}

// Orders the ends of a range with `*` as the largest value.
std::pair<std::uint32_t, std::uint32_t> resolved(seq_range r, std::uint32_t largest) {
    std::uint32_t a = r.first == star ? largest : r.first;
    std::uint32_t b = r.last == star ? largest : r.last;
    if (a > b)
        std::swap(a, b);
    return {a, b};
}

}  // namespace

std::string_view to_string(sequence_set_errc code) {
    switch (code) {
        case sequence_set_errc::empty:
            return "empty sequence set";
        case sequence_set_errc::expected_number:
            return "expected a number or '*'";
        case sequence_set_errc::zero:
            return "0 is not a valid sequence number or UID";
        case sequence_set_errc::overflow:
            return "number larger than 4294967295";
        case sequence_set_errc::leading_zero:
            return "number with a leading zero";
        case sequence_set_errc::star_not_allowed:
            return "'*' is not allowed in a UID set";
        case sequence_set_errc::unexpected_character:
            return "expected ',' ':' or end of set";
    }
    return "unknown sequence set error";
}

expected<sequence_set, sequence_set_error> sequence_set::from_numbers(
    std::span<const std::uint32_t> numbers) {
    if (numbers.empty())
        return unexpected{sequence_set_error{sequence_set_errc::empty, 0}};
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (numbers[i] == 0)
            return unexpected{sequence_set_error{sequence_set_errc::zero, i}};
    }
    std::vector<std::uint32_t> sorted(numbers.begin(), numbers.end());
    if (!std::is_sorted(sorted.begin(), sorted.end()))
        std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::vector<seq_range> ranges;
    seq_range current{sorted.front(), sorted.front()};
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        // `current.last + 1` cannot wrap: a successor exists, so last < max.
        if (sorted[i] == current.last + 1) {
            current.last = sorted[i];
        } else {
            ranges.push_back(current);
            current = seq_range{sorted[i], sorted[i]};
        }
    }
    ranges.push_back(current);
    return sequence_set(std::move(ranges));
}

bool sequence_set::has_star() const {
    return std::any_of(m_ranges.begin(), m_ranges.end(),
                       [](seq_range r) { return r.first == star || r.last == star; });
}

bool sequence_set::contains(std::uint32_t n, std::uint32_t largest) const {
    return std::any_of(m_ranges.begin(), m_ranges.end(), [&](seq_range r) {
        const auto [a, b] = resolved(r, largest);
        return n >= a && n <= b;
    });
}

std::vector<std::uint32_t> sequence_set::expand(std::uint32_t largest, std::size_t limit) const {
    std::vector<std::uint32_t> out;
    std::size_t total = 0;
    for (seq_range r : m_ranges) {
        const auto [a, b] = resolved(r, largest);
        if (a == 0)
            continue;  // `*` in an empty mailbox names nothing
        total += static_cast<std::size_t>(b - a) + 1;
        if (total > limit)
            return {};
    }
    out.reserve(total);
    for (seq_range r : m_ranges) {
        const std::uint32_t a = r.first == star ? largest : r.first;
        const std::uint32_t b = r.last == star ? largest : r.last;
        if (a == 0 || b == 0)
            continue;
        if (a <= b) {
            for (std::uint64_t n = a; n <= b; ++n)
                out.push_back(static_cast<std::uint32_t>(n));
        } else {
            for (std::uint64_t n = a; n >= b; --n)
                out.push_back(static_cast<std::uint32_t>(n));
        }
    }
    return out;
}

std::string sequence_set::to_string() const {
    std::string out;
    for (std::size_t i = 0; i < m_ranges.size(); ++i) {
        if (i != 0)
            out += ',';
        append_number(out, m_ranges[i].first);
        if (!m_ranges[i].is_single()) {
            out += ':';
            append_number(out, m_ranges[i].last);
        }
    }
    return out;
}

expected<sequence_set, sequence_set_error> parse_sequence_set(std::string_view text) {
    return parse_set(text, true);
}

expected<sequence_set, sequence_set_error> parse_uid_set(std::string_view text) {
    return parse_set(text, false);
}

std::optional<sequence_set_error> check_sequence_set(std::string_view text, bool allow_star) {
    return scan_set(text, allow_star, [](std::uint32_t, std::uint32_t) {});
}

}  // namespace uvimap::wire
