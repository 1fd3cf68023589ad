// Sequence sets and UID sets (RFC 3501 §9 `sequence-set`, RFC 4315 `uid-set`).
//
// A set is a list of ranges such as `1:3,5,7:*`. The client builds them from
// lists of numbers (compacted into ranges so that commands stay short), and
// the response parser reads them out of COPYUID, APPENDUID, ESEARCH and
// VANISHED, which is why parse_sequence_set works on a bare string_view and
// reports errors by offset like every other wire parser.
//
// Numbers are 32-bit and never 0 (`nz-number`); `*` (the largest number in
// use) is kept as the sentinel value `star`, which is 0 because 0 can never be
// a real member. Ranges are kept as written: `5:3` stays `5:3`, since RFC 3501
// says the order of the ends does not matter and rewriting it would break
// byte-exact round trips.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/wire/expected.hpp"

namespace uvimap::wire {

// The value that stands for `*` in a seq_range end.
inline constexpr std::uint32_t star = 0;

// One element of a set: a single number when first == last, otherwise the
// range between the two ends, inclusive, in either order.
struct seq_range {
    std::uint32_t first = 1;
    std::uint32_t last = 1;

    bool is_single() const { return first == last; }
    friend bool operator==(const seq_range&, const seq_range&) = default;
};

enum class sequence_set_errc {
    // The input (or the list of numbers) is empty; IMAP has no empty set.
    empty,
    // A number was expected here.
    expected_number,
    // A number is 0, which IMAP never uses for messages or UIDs.
    zero,
    // A number is larger than 4294967295.
    overflow,
    // A number is written with a leading zero, which `nz-number` forbids.
    leading_zero,
    // `*` where the syntax does not allow it (uid-set).
    star_not_allowed,
    // Something other than `,` `:` or the end of input followed a number.
    unexpected_character,
};

struct sequence_set_error {
    sequence_set_errc code{};
    std::size_t offset = 0;

    friend bool operator==(const sequence_set_error&, const sequence_set_error&) = default;
};

std::string_view to_string(sequence_set_errc code);

// An ordered list of ranges. It is a plain value: copyable, comparable, and
// cheap for the common small case.
class sequence_set {
public:
    sequence_set() = default;
    explicit sequence_set(std::vector<seq_range> ranges) : m_ranges(std::move(ranges)) {}

    // `1:*`, every message.
    static sequence_set all() { return sequence_set({seq_range{1, star}}); }
    static sequence_set single(std::uint32_t n) { return sequence_set({seq_range{n, n}}); }
    static sequence_set range(std::uint32_t first, std::uint32_t last) {
        return sequence_set({seq_range{first, last}});
    }

    // Builds the shortest set holding exactly these numbers: they are sorted,
    // duplicates dropped, and consecutive runs merged (5,1,2,3,9,8 becomes
    // `1:3,5,8:9`). Fails on an empty list or a 0; for a 0 the error's
    // offset is its index in `numbers`.
    static expected<sequence_set, sequence_set_error> from_numbers(
        std::span<const std::uint32_t> numbers);

    void add(seq_range r) { m_ranges.push_back(r); }
    void add(std::uint32_t n) { m_ranges.push_back(seq_range{n, n}); }

    const std::vector<seq_range>& ranges() const { return m_ranges; }
    bool empty() const { return m_ranges.empty(); }
    bool has_star() const;

    // True when n is a member, reading `*` as `largest` (the mailbox's
    // message count or highest UID).
    bool contains(std::uint32_t n, std::uint32_t largest) const;

    // Expands the set into its numbers in the order written, reading `*` as
    // `largest`. Stops with an empty result when more than `limit` numbers
    // would be produced, so a hostile `1:4294967295` cannot exhaust memory.
    std::vector<std::uint32_t> expand(std::uint32_t largest, std::size_t limit) const;

    // The wire form, e.g. `1:3,5,7:*`. Empty for an empty set (which the
    // encoder refuses to send).
    std::string to_string() const;

    friend bool operator==(const sequence_set&, const sequence_set&) = default;

private:
    std::vector<seq_range> m_ranges;
};

// A UID set is the same structure; the alias documents intent at call sites.
using uid_set = sequence_set;

// Parses `sequence-set` (RFC 3501), which may contain `*`.
expected<sequence_set, sequence_set_error> parse_sequence_set(std::string_view text);

// Parses `uid-set` (RFC 4315), as in COPYUID and APPENDUID: like a sequence
// set, but `*` is not allowed.
expected<sequence_set, sequence_set_error> parse_uid_set(std::string_view text);

// Checks the syntax of a sequence set (or, without `allow_star`, a UID set)
// without building it, so without allocating: the response parser keeps sets
// as raw views and validates them with this. nullopt means valid.
std::optional<sequence_set_error> check_sequence_set(std::string_view text, bool allow_star);

}  // namespace uvimap::wire
