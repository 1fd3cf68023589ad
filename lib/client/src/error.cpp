#include "uvimap/client/error.hpp"

#include <iterator>

namespace uvimap::client {

namespace {

// In the order of errc, which starts at 1.
constexpr code_description descriptions[] = {
    {"imap_no", "the server refused the command (NO)"},
    {"imap_bad", "the server did not understand the command (BAD)"},
    {"imap_authentication_failed", "authentication failed"},
    {"imap_bye", "the server ended the session (BYE)"},
    {"imap_protocol_error", "the server broke the IMAP protocol"},
    {"imap_insecure", "refused: the connection is not encrypted"},
    {"imap_unsupported", "the server does not support this"},
    {"imap_closed", "the connection is closed"},
};
static_assert(std::size(descriptions) == static_cast<std::size_t>(errc::closed));

std::string describe(const std::string& command, const session::response_code& code,
                     const std::string& text) {
    std::string message = command + ": ";
    if (!code.empty()) {
        message += "[" + code.name + (code.arguments.empty() ? "" : " " + code.arguments) + "] ";
    }
    message += text.empty() ? std::string("(no text)") : text;
    return message;
}

}  // namespace

const error_category& client_category() noexcept {
    static const table_category instance("uvimap.imap", descriptions);
    return instance;
}

command_error::command_error(errc code, std::string command, session::response_code response_code,
                             std::string server_text)
    : uvimap::error(code, describe(command, response_code, server_text)),
      m_command(std::move(command)),
      m_response_code(std::move(response_code)),
      m_server_text(std::move(server_text)) {}

}  // namespace uvimap::client
