// The IMAP response parser: bytes in, typed responses out.
//
// A parser is a framer (framer.hpp) plus the grammar of server responses of
// RFC 9051 and RFC 3501 and the common extensions (CONDSTORE/QRESYNC, ESEARCH,
// UIDPLUS, ID, NAMESPACE, LIST-EXTENDED, BINARY, ENABLE, ACL, QUOTA, METADATA,
// OBJECTID's MAILBOXID, XLIST, Gmail's X-GM-*).
// It is sans-IO and never throws (except std::bad_alloc from growing its
// buffers, which steady-state parsing does not do):
//
//     parser p;
//     p.feed(bytes);                          // any chunking, split anywhere
//     while (p.next() == parse_status::ready) {
//         const response& r = p.current();    // views valid until feed/next
//         if (r.type == response_type::malformed) { /* log r.error, go on */ }
//     }
//     if (p.next() == parse_status::failed) { /* p.error(): drop connection */ }
//
// A response whose grammar is broken but whose framing is intact comes out as
// ONE response of type `malformed`, with its raw bytes and the offset and
// expectation of the first error; the next response parses normally. Only a
// framing error (framer.hpp) is final. A malformed response keeps its tag
// (when the line starts with a valid tag and SP) and its status (when the
// status keyword parsed), so that a broken tagged completion still ends its
// command: `a1 OK [UIDNEXT x] done` is malformed, with tag "a1" and status OK.
//
// Memory: the parser keeps one receive buffer, one arena for lists and
// unescaped strings, and scratch vectors, all reused from response to
// response; once they have grown to the size of the largest response seen,
// parsing allocates nothing.
//
// Server quirks that are tolerated, each with the server known to send it and
// where that was reported (tests/wire/parser_quirks_tests.cpp has one row each):
// - `-1` as a body size or line count: Microsoft Exchange / Office 365
//   (go-imap #534, modern-email/defects #27); SmarterMail sends other negative
//   sizes (MailKit #385), accepted too.
// - A space before ')' and at the end of a line: imap.qq.com sends
//   `* 11487 FETCH (UID 19436 )` (jakartaee/mail-api #209); Exchange ends
//   CAPABILITY lines with a space. Double spaces between tokens are accepted
//   for the same reason.
// - Spaces between the parts of a multipart body: Stalwart and Exchange
//   (himalaya #636).
// - `* OK [HIGHESTMODSEQ n]` with no text after the code: Gmail
//   (modern-email/defects #28); and a status with no text at all: iCloud's
//   `* BYE` (imap-proto #131, ruby/net-imap #230), ppops.net's `A6 OK`
//   (node-imap #539). RFC 9051 made the text optional.
// - Multiparts with no parts: Gmail's `("ALTERNATIVE")` and
//   `("RELATED" NIL ("ATTACHMENT" NIL) NIL)` (MailKit #1841, go-imap #701), and
//   `(NIL "alternative" ...)` (MailKit #1393).
// - Unescaped double quotes inside envelope strings, as in
//   `"Re: "quoted" subject"`: iCloud. Inside ENVELOPE a quote only closes a
//   string when what follows can follow a string there (')' or SP then '"',
//   '(', '{', '~' or NIL); elsewhere quoting stays strict.
// - NIL as a body parameter value, `("boundary" NIL)`: mail.ru (vmime #159)
//   and Exchange; and an empty parameter list `()`.
// - A disposition sent as a bare string, `"inline"` instead of
//   `("inline" NIL)`: Exchange (MailKit #919).
// - `* n FETCH ()` with no items.
// - text/* parts without a line count, and message/rfc822 parts without an
//   envelope and body (parsed as basic parts): Exchange.
// - NUL bytes between responses, dropped by the framer. Required by our
//   brief; we found no public report that names the server.
// - Lowercase and mixed-case keywords (`* ok`, `fetch`, `uid`): keywords are
//   case-insensitive (RFC 9051 §9, note 1), so this is tolerance of the
//   grammar rather than of one server.
// - Bare LF line ends, for hand-written captures.
// - XLIST, Google's forerunner of RFC 6154, with attributes such as \Inbox
//   and \AllMail: Gmail (log in zone-eu/wildduck #91), Zoho (MailKit #1728),
//   and Yandex by our issue 8; parsed as LIST, data_kind::xlist.
// - X-GM-LABELS with bracketed names unquoted, `([Gmail]/Sent \Important)`:
//   Gmail (MailKit #51). Labels are read as astrings, which allow `]`.
// - QUOTA with an empty resource list, `* QUOTA root ()`: Cyrus (mjs/imapclient
//   #67); and quota roots sent as atoms such as `storage=1024000.0000`, from
//   a Dovecot server in Webklex/php-imap #556 (valid astrings, listed because
//   parsers that expect a quoted root fail on them).
// - STATUS items this parser does not know, whatever their value (a number,
//   a parenthesised list, a string): kept in status_item::raw instead of
//   failing the response. RFC 8474's MAILBOXID, which Cyrus sends, was the
//   first such item to turn up; it is now parsed.
// - A LIST, LSUB or XLIST mailbox name sent as an atom that runs into bytes
//   an atom cannot hold: Exchange sends tabs unquoted (MailKit #945), and
//   `* LIST (\NoInferiors) "/" Root/Folder/Subfolder()` came to us in issue 8
//   from an unnamed server. The name runs on to the next space or the end of
//   the line, as MailKit reads it. Elsewhere, bytes the grammar cannot place
//   make the response malformed; no response is ever cut short
//   (tests/wire/parser_no_loss_tests.cpp checks each place a response ends).
// - A continuation request whose `[` does not start a well-formed response
//   code keeps the whole line as text rather than becoming malformed, since a
//   session that missed a `+` would wait forever. No server known to send it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "uvimap/wire/framer.hpp"
#include "uvimap/wire/limits.hpp"
#include "uvimap/wire/parse_error.hpp"
#include "uvimap/wire/response.hpp"

namespace uvimap::wire {

namespace detail {
class grammar;
}

struct parser_options {
    wire::limits limits;
    // Literals of at least stream_threshold bytes go to the sink as they
    // arrive and are reported in the response as string_form::streamed with
    // their size. Null keeps every literal in memory. Not owned.
    literal_sink* sink = nullptr;
    std::uint64_t stream_threshold = std::uint64_t{1} << 20;
};

enum class parse_status : std::uint8_t {
    ready,      // current() holds the next response (possibly malformed).
    need_more,  // Feed more bytes; pending_literal() says if a literal blocks.
    failed,     // A framing error; error() says which. Sticky until reset().
};

class parser {
public:
    explicit parser(parser_options options = {});
    ~parser();
    parser(parser&&) noexcept;
    parser& operator=(parser&&) noexcept;
    parser(const parser&) = delete;
    parser& operator=(const parser&) = delete;

    // Appends bytes of the server stream. Invalidates the last response.
    void feed(std::string_view bytes);
    // Zero-copy alternative to feed(): read into the returned span (at least
    // `n` bytes), then commit() the count read. Invalidates the last response.
    std::span<char> prepare(std::size_t n);
    void commit(std::size_t n);

    // Parses the next response. Invalidates the last response.
    parse_status next();

    // The response after next() returned ready.
    const response& current() const noexcept;
    // The framing error after next() returned failed.
    const parse_error& error() const noexcept;
    // Bytes of a literal still to come after next() returned need_more.
    std::uint64_t pending_literal() const noexcept;
    // Bytes fed and not yet returned in a response or streamed to the sink;
    // non-zero at the end of a stream means it was cut inside a response.
    std::size_t buffered() const noexcept;

    // Forgets the stream and any error, keeps the memory.
    void reset() noexcept;

    // The grammar alone, for a response that is already framed: parses `f`
    // and returns the response (views into f and the parser's arena, valid
    // until the next call). Used by tests and fuzzers; next() uses the same
    // code.
    const response& parse_frame(const frame& f);

private:
    framer m_framer;
    std::unique_ptr<detail::grammar> m_grammar;
};

}  // namespace uvimap::wire
