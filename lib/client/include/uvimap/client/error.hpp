#pragma once
// The error codes of the IMAP client, carried by uvimap::error like those of
// every layer (uvimap/error.hpp). What the transport reports keeps its own
// codes: async::errc (connection lost, timed out, cancelled, refused, DNS)
// and tls::errc (certificates, handshake, truncation).

#include <string>
#include <system_error>

#include "uvimap/error.hpp"
#include "uvimap/session/results.hpp"

namespace uvimap::client {

enum class errc {
    // The server answered NO: it understood and refused.
    no = 1,
    // The server answered BAD: it did not understand (a bug, ours or its).
    bad,
    // LOGIN or AUTHENTICATE was refused: wrong credentials, or the account
    // is locked. Never worth retrying as is.
    authentication_failed,
    // The server ended the session with BYE.
    bye,
    // The server broke the protocol: a response that does not parse, an
    // answer to a command never sent, bytes injected after STARTTLS.
    protocol_error,
    // Refused on our side because it would be unsafe: credentials or a
    // session over a connection without TLS that the caller did not allow.
    insecure,
    // The server lacks what was asked for (STARTTLS, an AUTH mechanism,
    // LOGIN when LOGINDISABLED and no AUTH=PLAIN).
    unsupported,
    // The connection is closed (or failing); nothing more can be sent.
    closed,
};

// code_name() gives "imap_" and the enumerator's name, e.g. "imap_no".
const error_category& client_category() noexcept;

inline std::error_code make_error_code(errc code) noexcept {
    return {static_cast<int>(code), client_category()};
}

// A command the server refused (NO or BAD, or a failed login): which
// command, and the server's response code and text as sent. The server's
// text is not sanitised: escape it before it reaches a terminal.
class command_error : public uvimap::error {
public:
    command_error(errc code, std::string command, session::response_code response_code,
                  std::string server_text);

    const std::string& command() const noexcept { return m_command; }
    const session::response_code& response_code() const noexcept { return m_response_code; }
    const std::string& server_text() const noexcept { return m_server_text; }

private:
    std::string m_command;
    session::response_code m_response_code;
    std::string m_server_text;
};

}  // namespace uvimap::client

template <>
struct std::is_error_code_enum<uvimap::client::errc> : std::true_type {};
