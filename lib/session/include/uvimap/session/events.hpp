// What the session reports, one event at a time, as responses come in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "uvimap/session/mailbox_view.hpp"
#include "uvimap/session/results.hpp"
#include "uvimap/wire/capabilities.hpp"

namespace uvimap::session {

// Names a command for the lifetime of the session (tags are chosen only when
// a command is sent).
using command_id = std::uint64_t;

// Why the session cannot go on, or why a command ended without the server's
// tagged answer. Values, not exceptions: the client turns them into
// uvimap::error.
struct session_error {
    enum class kind {
        // The server broke the protocol: a response that does not parse, a
        // tagged answer for a tag never sent, a continuation nobody asked
        // for, bytes after STARTTLS's OK (response injection).
        protocol_error,
        // The server said BYE and closed (or will).
        bye,
        // The transport ended or failed; the client says why.
        connection_lost,
        // The command was abandoned (cancelled) before its answer came.
        cancelled,
        // The command cannot be sent in this state: after LOGOUT, after the
        // session failed, or it could not be encoded.
        not_sent,
    };
    kind what = kind::protocol_error;
    std::string message;
    friend bool operator==(const session_error&, const session_error&) = default;
};

// The server's first response.
struct greeting {
    enum class kind { ok, preauth, bye } status = kind::ok;
    std::string text;
};

// Data a command collected from untagged responses, by command.
using command_data = std::variant<std::monostate,
                                  wire::capability_set,        // CAPABILITY
                                  std::vector<mailbox_entry>,  // LIST, LSUB
                                  mailbox_status,              // STATUS
                                  selected_mailbox,            // SELECT, EXAMINE
                                  search_result,               // SEARCH
                                  namespaces,                  // NAMESPACE
                                  id_fields,                   // ID
                                  std::vector<std::string>>;   // ENABLE: what got enabled

// A command's end: the server's tagged answer and what it collected, or a
// session_error when it ended without one.
struct command_result {
    enum class status { ok, no, bad, failed } outcome = status::failed;
    response_code code;
    std::string text;
    command_data data;
    // How many FETCH responses were delivered for a FETCH command.
    std::uint64_t fetched = 0;
    // Set when outcome is failed. A command whose tagged answer came but
    // during which a response did not parse is failed too, with
    // protocol_error, and keeps the server's code, text and the data that
    // did parse: something may be missing from it.
    std::optional<session_error> error;
    bool ok() const noexcept { return outcome == status::ok; }
};

struct greeting_event {
    greeting value;
};
struct completed_event {
    command_id id;
    command_result result;
};
// One FETCH response for a FETCH command, delivered as it is parsed.
struct fetch_event {
    command_id id;
    fetch_message message;
};
// Something changed in the selected mailbox (the view is updated already).
struct mailbox_event {
    mailbox_update update;
};
// [ALERT]: text the RFC says the user must see.
struct alert_event {
    std::string text;
};
struct bye_event {
    std::string text;
};
// IDLE is established (the server's `+`): changes now come as they happen.
struct idling_event {
    command_id id;
};
// Capabilities changed (greeting, login, CAPABILITY, after STARTTLS).
struct capabilities_event {};
// The session cannot go on; every command has failed with this error and
// the connection must be closed.
struct failed_event {
    session_error error;
};

using event = std::variant<greeting_event, completed_event, fetch_event, mailbox_event, alert_event,
                           bye_event, idling_event, capabilities_event, failed_event>;

}  // namespace uvimap::session
