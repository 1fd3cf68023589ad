// Limits that bound what a server can make the response parser hold or do.
//
// A connection is hostile input until proven otherwise: a server (or whoever
// sits between us and it) can announce a literal of 2^63 bytes, send a line
// that never ends, or nest parentheses a hundred thousand deep. Each of those
// is bounded by a setting here. Crossing a limit is a typed error (see
// parse_error.hpp), never a crash and never an unbounded allocation. The
// defaults follow imap-next (100 MiB per response) and go-imap (a bounded list
// depth) and are meant to be safe for a client that talks to the open internet.
#pragma once

#include <cstddef>
#include <cstdint>

namespace uvimap::wire {

// The nesting depth the grammar parser supports at most, whatever the
// settings say. Body structures are parsed by recursive descent, so the depth
// also bounds the C++ stack the parser uses; 256 levels stay far below any
// thread's stack even in a sanitizer build, and no real message nests MIME
// parts that deep.
inline constexpr std::size_t max_supported_depth = 256;

struct limits {
    // The largest literal ({n} or ~{n}) a server may announce, in bytes. It
    // applies to streamed literals too, so that a size typo in a server cannot
    // make us wait for an exabyte.
    std::uint64_t max_literal_size = std::uint64_t{1} << 30;  // 1 GiB

    // The longest line outside literals, in bytes, counted from the start of
    // the line (the start of the response, or the byte after a literal) to its
    // LF. UID SEARCH results on big mailboxes are the longest real lines, a few
    // MiB at most.
    std::size_t max_line_length = std::size_t{8} << 20;  // 8 MiB

    // The deepest nesting of parenthesised lists in one response. Values above
    // max_supported_depth are treated as max_supported_depth.
    std::size_t max_depth = 64;

    // The largest response held in memory at once: lines plus the literals
    // that are not streamed to a sink.
    std::size_t max_response_size = std::size_t{100} << 20;  // 100 MiB

    // The most literals one response may carry. A FETCH of many body sections
    // has a handful; the bound keeps the per-response literal table small.
    std::size_t max_literals_per_response = 4096;
};

}  // namespace uvimap::wire
