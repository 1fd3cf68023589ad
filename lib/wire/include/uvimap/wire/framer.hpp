// The framer: splits an IMAP server byte stream into whole responses.
//
// Framing is kept apart from grammar, as imap-codec's fragmentizer does. The
// framer knows only two things about IMAP: a response is a line ending in LF,
// and a line that ends in a literal announcement ("{123}" or "~{123}", then
// CRLF) continues after that many bytes of literal data. It never looks inside
// literal data, so a message body can never be read as protocol. Everything
// else (tags, keywords, parentheses, quoting) is the grammar parser's business
// and runs on whole frames only; that is what lets one malformed response be
// skipped while the stream stays in step.
//
// The framer is sans-IO: bytes come in through feed() (or prepare()/commit()
// to read straight into its buffer), frames come out of next(). The result is
// the same however the stream is split into chunks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "uvimap/wire/limits.hpp"
#include "uvimap/wire/parse_error.hpp"

namespace uvimap::wire {

// Receives literals that are too big to be worth holding in memory (message
// bodies, attachments) piece by piece as they arrive. Register one in
// framer_options with a size threshold. Calls come from inside feed() or
// next(), always in stream order: begin, any number of data calls, end.
class literal_sink {
public:
    // A streamed literal starts. `response_prefix` is the response up to and
    // including the literal announcement (for example
    // "* 12 FETCH (UID 7 BODY[] {52311}\r\n"); it lets the sink tell which
    // message and item the bytes belong to before the response is complete.
    // The view is valid only during the call.
    virtual void on_literal_begin(std::string_view response_prefix, std::uint64_t size,
                                  bool binary) = 0;
    // The next bytes of the literal. They are never held by the framer after
    // the call returns.
    virtual void on_literal_data(std::string_view bytes) = 0;
    // The literal is complete (all `size` bytes were delivered).
    virtual void on_literal_end() = 0;

protected:
    ~literal_sink() = default;
};

struct framer_options {
    wire::limits limits;
    // Where literals of at least `stream_threshold` bytes go instead of being
    // held. Null means every literal is held in the frame. Not owned.
    literal_sink* sink = nullptr;
    std::uint64_t stream_threshold = std::uint64_t{1} << 20;
};

// A literal inside a frame, in the order the literals appear.
struct literal_ref {
    // Where the literal's data starts in frame::bytes (the byte after the LF
    // that ends the announcement). For a streamed literal nothing is there:
    // the line that follows the literal starts at this offset.
    std::size_t offset = 0;
    // The announced size. For a held literal, bytes [offset, offset + size)
    // of the frame are the literal.
    std::uint64_t size = 0;
    bool binary = false;    // Announced as ~{n} (RFC 3516 literal8).
    bool streamed = false;  // Went to the sink; not in the frame.
};

// One whole response as it came off the wire, minus streamed literal data.
struct frame {
    std::string_view bytes;
    std::span<const literal_ref> literals;
    // Offset in the stream (since the last reset) of bytes[0].
    std::uint64_t offset = 0;
};

// Returns the stream offset of byte `pos` of `f`, counting the bytes of
// streamed literals that precede it, so that error offsets point into a
// capture of the stream rather than into the frame.
std::uint64_t stream_offset(const frame& f, std::size_t pos) noexcept;

enum class frame_status : std::uint8_t {
    ready,      // current() holds a whole response.
    need_more,  // Feed more bytes, then call next() again.
    failed,     // A framing error; error() says which. Sticky until reset().
};

class framer {
public:
    explicit framer(framer_options options = {});

    // Appends bytes to the stream. Invalidates the views of the last frame.
    void feed(std::string_view bytes);

    // Returns writable space for at least `n` bytes at the end of the stream,
    // so that a socket read can land in the framer's buffer without a copy;
    // call commit() with the number of bytes written. Invalidates the views of
    // the last frame, like feed(). The buffer grows to hold the largest
    // response (less streamed literals) and shrinks again here or in feed()
    // once it is over four times what is buffered plus `n`, so a connection
    // that has gone quiet after a big transfer holds little.
    std::span<char> prepare(std::size_t n);
    void commit(std::size_t n);

    // Frames the next response. The previous frame is released first, so its
    // views stay valid only until this call.
    frame_status next();

    // The frame that the last next() returned `ready` for.
    const frame& current() const noexcept { return m_frame; }
    // The framing error after next() returned `failed`.
    const parse_error& error() const noexcept { return m_error; }
    // When next() returned need_more in the middle of a literal, how many of
    // its bytes are still to come (0 when waiting for the end of a line).
    std::uint64_t pending_literal() const noexcept { return m_in_literal ? m_literal_left : 0; }
    // Bytes fed so far and not yet returned in a frame or streamed.
    std::size_t buffered() const noexcept { return m_size - m_start; }

    // Forgets the stream and any error; keeps the buffer's memory.
    void reset() noexcept;

    const framer_options& options() const noexcept { return m_options; }

private:
    void compact() noexcept;
    void reserve(std::size_t n);
    void start_frame() noexcept;
    bool fail(error_kind kind, std::size_t frame_pos, std::string_view expected) noexcept;
    bool on_line_end(std::size_t line_end);
    void stream_from_buffer();

    framer_options m_options;
    std::unique_ptr<char[]> m_data;
    std::size_t m_capacity = 0;
    std::size_t m_size = 0;   // Valid bytes in m_data.
    std::size_t m_start = 0;  // Where the current frame starts in m_data.
    // The rest is relative to m_start, so that compaction moves nothing else.
    std::size_t m_pos = 0;         // Bytes of the frame already scanned.
    std::size_t m_line_start = 0;  // Start of the line being scanned.
    bool m_in_literal = false;
    bool m_streaming = false;
    std::uint64_t m_literal_left = 0;
    std::uint64_t m_frame_offset = 0;    // Stream offset of m_data[m_start].
    std::uint64_t m_frame_streamed = 0;  // Streamed bytes inside this frame so far.
    std::vector<literal_ref> m_literals;
    frame m_frame;
    bool m_have_frame = false;
    bool m_failed = false;
    parse_error m_error;
};

}  // namespace uvimap::wire
