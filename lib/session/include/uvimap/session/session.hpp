// The IMAP session: the protocol state machine of one connection, sans-IO.
//
// It never touches a socket (CMake refuses to link it with libuv or
// OpenSSL). Bytes from the server go in (prepare/commit or feed), events
// come out of next_event(), and the bytes to send come out of take_output():
//
//     session s;
//     auto id = s.submit(wire::status_command{"INBOX", {wire::status_attr::messages}});
//     write(s.take_output());                       // "A1 STATUS INBOX (MESSAGES)\r\n"
//     s.feed(read());                               // "* STATUS ...\r\nA1 OK ...\r\n"
//     while (auto e = s.next_event()) { ... }       // completed_event{id, result}
//     write(s.take_output());                       // whatever became sendable
//
// Pipelining is the point: submit() only queues; the scheduler releases as
// many queued commands as RFC 9051 §5.5 allows, in submission order, and
// take_output() returns them together. The rules (docs/architecture.md has
// them with their reasons), all read from wire::command_traits:
//   1. at most `pipeline_depth` commands in flight;
//   2. nothing is sent past a command waiting for `+` (a synchronizing
//      literal, AUTHENTICATE, IDLE);
//   3. nothing is sent behind a command that changes the connection's state
//      (LOGIN, AUTHENTICATE, STARTTLS, SELECT, EXAMINE, ENABLE, LOGOUT)
//      until it completes;
//   4. SELECT, EXAMINE, CLOSE and UNSELECT are fences: they wait for
//      everything before them, and everything after waits for them;
//   5. a command that uses sequence numbers waits while a command that may
//      cause EXPUNGE is in flight (UID commands overlap freely);
//   6. STARTTLS and IDLE go alone;
//   7. commands whose untagged answers could not be told apart wait for
//      each other: two LIST/LSUB, two SEARCH without RETURN, two STATUS of
//      one mailbox, two CAPABILITY, NAMESPACE, ID or ENABLE, and FETCH
//      commands whose message sets overlap.
//
// Untagged responses go to the command that asked (FETCH, LIST, STATUS by
// mailbox, SEARCH/ESEARCH, CAPABILITY, ID, NAMESPACE, ENABLED, SELECT's
// data); what nobody asked for updates the mailbox view and comes out as a
// mailbox_event. FETCH responses of a FETCH command come out one by one as
// fetch_events, so a 100,000-message folder never sits in memory.
//
// Errors are values. A response that breaks the grammar (after the parser's
// tolerances) fails the commands in flight with protocol_error when they
// complete, and the connection goes on; a framing error, a tagged answer
// for an unknown tag, an unexpected `+` or bytes after STARTTLS's OK fail
// the whole session (failed_event): every command fails with that error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "uvimap/session/events.hpp"
#include "uvimap/session/mailbox_view.hpp"
#include "uvimap/session/sasl.hpp"
#include "uvimap/wire/capabilities.hpp"
#include "uvimap/wire/command.hpp"
#include "uvimap/wire/framer.hpp"
#include "uvimap/wire/limits.hpp"

namespace uvimap::session {

enum class connection_state {
    awaiting_greeting,
    not_authenticated,
    authenticated,
    selected,
    logout,  // LOGOUT sent or BYE received: nothing more will be sent
    failed,  // a session_error ended it
};

std::string_view to_string(connection_state state) noexcept;

// One line of the protocol trace: "C: A1 LOGIN alice <redacted>" or
// "S: * OK ...". Secrets (passwords, SASL responses) are redacted; long
// literals are shown by size.
struct trace_line {
    enum class direction { client, server } from = direction::client;
    std::string_view text;  // without CRLF; valid during the call only
};
using trace_sink = std::function<void(const trace_line&)>;

struct session_options {
    session_options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    std::size_t pipeline_depth = 32;
    wire::limits limits;
    // Big literals (message bodies) can stream to a sink instead of being
    // held; see wire::framer_options. Not owned.
    wire::literal_sink* sink = nullptr;
    std::uint64_t stream_threshold = std::uint64_t{1} << 20;
    // The most one command may gather across its untagged responses (LIST
    // entries, counted as the bytes they hold). A server that never stops
    // listing fails the session with protocol_error at this point, instead
    // of filling memory. 64 MiB is a few hundred thousand mailboxes.
    std::size_t max_gathered_bytes = std::size_t{64} << 20;
    std::string tag_prefix = "A";
    trace_sink trace;
};

// Per-command choices.
struct command_options {
    command_options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    // For AUTHENTICATE: the mechanism that answers the challenges.
    std::shared_ptr<sasl_mechanism> sasl;
};

class session {
public:
    explicit session(session_options options = {});
    ~session();
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    // --- Bytes from the server ------------------------------------------
    // prepare() space for at least `n` bytes, read into it, commit() what
    // was read; or feed() a copy. Either invalidates nothing the
    // application holds: events carry owned data.
    std::span<char> prepare(std::size_t n);
    void commit(std::size_t n);
    void feed(std::string_view bytes);
    // A literal still to come after the bytes so far (to size the next read).
    std::uint64_t pending_literal() const noexcept;

    // Processes buffered responses until one yields an event; nullopt when
    // more bytes are needed (or the session has failed and said so).
    std::optional<event> next_event();

    // --- Commands ---------------------------------------------------------
    // Queues a command and returns its id; the scheduler sends it when the
    // rules allow. A command that cannot be sent (the session failed,
    // LOGOUT was sent, it does not encode) completes at the next
    // next_event() with error not_sent.
    command_id submit(wire::command cmd, command_options options = {});
    // Gives up on a command. Still queued: it is dropped and never sent. In
    // flight: its answer is awaited in the background and thrown away; an
    // AUTHENTICATE exchange is cancelled with "*", an IDLE ended with DONE.
    // Either way it completes with error cancelled at the next next_event().
    void cancel(command_id id);
    // Ends an IDLE (sends DONE); its tagged answer completes it.
    void end_idle(command_id id);

    // --- Bytes to the server ------------------------------------------------
    // Everything that may be sent now, in order, taken out of the session:
    // released commands, literals the server asked for, SASL answers, DONE.
    std::string take_output();
    bool has_output() const noexcept;

    // --- Transport events ----------------------------------------------------
    // STARTTLS's OK was seen (the completed_event) and the TLS handshake is
    // done: the session forgets the capabilities and asks for them again
    // (a CAPABILITY command is queued).
    void transport_secured();
    // The transport ended or failed: every command fails with `error`.
    void connection_lost(session_error error);

    // --- State ---------------------------------------------------------------
    connection_state state() const noexcept;
    // Empty until the server told (greeting code, CAPABILITY, login's OK).
    const wire::capability_set& capabilities() const noexcept;
    // True once the capabilities are known for the current state (they are
    // forgotten after STARTTLS, and may be after LOGIN).
    bool capabilities_known() const noexcept;
    // True while a CAPABILITY command is queued or in flight (the session
    // sends one itself after STARTTLS and after a login whose OK did not
    // list them): wait for the capabilities_event instead of asking again.
    bool capabilities_requested() const noexcept;
    // ENABLEd extensions (upper-cased), e.g. UTF8=ACCEPT, CONDSTORE.
    bool is_enabled(std::string_view extension) const noexcept;
    const mailbox_view& mailbox() const noexcept;
    std::size_t in_flight() const noexcept;
    std::size_t queued() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> m_impl;
};

}  // namespace uvimap::session
