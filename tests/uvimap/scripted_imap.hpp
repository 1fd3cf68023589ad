// A scripted IMAP conversation on a thread_server connection, for what
// Dovecot will not do: control characters in server text, a connection cut
// before the greeting, BYE in the middle of a command.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "support/thread_server.hpp"

namespace uvimap::test {

// Given a command's tag and its line (without CRLF, tag removed: "LIST \"\"
// \"*\""), the responses to send, tagged completion included; nullopt for
// the default answer. An answer that drops the connection ends the script.
using imap_answer =
    std::function<std::optional<std::string>(const std::string& tag, const std::string& command)>;

// Greets with `greeting` (a whole line with CRLF), then answers each command
// line: with `answer` if it has something to say, else LOGIN with OK and
// the capabilities, CAPABILITY, LOGOUT with BYE (which ends it), anything
// else with a plain OK. Ends when the client closes.
void serve_imap(scripted_peer& peer, const std::string& greeting, const imap_answer& answer);

// "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] scripted server ready\r\n".
extern const std::string plain_greeting;

}  // namespace uvimap::test
