// What the session's scheduler needs to know about a command to pipeline it
// safely (RFC 9051 §5.5), read from the command alone. The scheduler reads
// these traits and nothing else about a command's kind; tests/wire has a
// table with one row per command.
#pragma once

#include "uvimap/wire/command.hpp"

namespace uvimap::wire {

struct command_traits {
    // Message sequence numbers appear in the arguments or in the results
    // (FETCH, SEARCH; a UID SEARCH whose criteria hold a sequence set), so an
    // EXPUNGE arriving meanwhile would make them ambiguous.
    bool uses_sequence_numbers = false;
    // The server may send EXPUNGE while answering it: every command but
    // FETCH, STORE and SEARCH in their sequence-number forms (RFC 9051
    // §7.5.1: EXPUNGE must not be sent while responding to those).
    bool may_expunge = false;
    // It selects or leaves a mailbox: SELECT, EXAMINE, CLOSE, UNSELECT. Such
    // commands are fences: everything before them completes first, and
    // nothing after them is sent until they complete.
    bool changes_selected_state = false;
    // It changes what later commands mean or how they must be written:
    // LOGIN, AUTHENTICATE, STARTTLS, SELECT, EXAMINE, ENABLE, LOGOUT (and
    // COMPRESS, which uvimap does not send). Nothing is pipelined behind it
    // until it completes; real servers (Courier among them) silently drop
    // commands sent behind LOGIN.
    bool changes_connection_state = false;
    // It holds a continuation exchange open after its first line whatever
    // its arguments: AUTHENTICATE (SASL challenges) and IDLE (until DONE).
    // A command whose arguments need synchronizing literals waits for `+`
    // too, but that depends on the encoding: see encoded_command.
    bool needs_continuation = false;
    // Nothing else may be in flight with it, before or after: STARTTLS (any
    // byte after its OK is an injection) and IDLE.
    bool exclusive = false;
};

command_traits traits_of(const command& cmd);

}  // namespace uvimap::wire
