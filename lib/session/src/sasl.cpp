#include "uvimap/session/sasl.hpp"

#include <string>
#include <utility>

namespace uvimap::session {

namespace {

// A mechanism whose whole client side is one message, with an answer for
// an error challenge (XOAUTH2 and OAUTHBEARER send their error as one).
class single_message final : public sasl_mechanism {
public:
    single_message(std::string name, wire::secret message, std::optional<wire::secret> on_error)
        : m_name(std::move(name)), m_message(std::move(message)), m_on_error(std::move(on_error)) {}

    std::string_view name() const override { return m_name; }
    wire::secret initial_response() override { return m_message; }
    std::optional<wire::secret> respond(std::string_view) override {
        // Any further challenge is the server's error report (or a server
        // that wants something PLAIN never sends): answer it once as the
        // mechanism says, then cancel.
        return std::exchange(m_on_error, std::nullopt);
    }

private:
    std::string m_name;
    wire::secret m_message;
    std::optional<wire::secret> m_on_error;
};

}  // namespace

std::unique_ptr<sasl_mechanism> make_plain(std::string user, wire::secret password) {
    std::string message;
    message.reserve(user.size() + password.size() + 2);
    message += '\0';
    message += user;
    message += '\0';
    message += password.expose();
    return std::make_unique<single_message>("PLAIN", wire::secret(std::move(message)),
                                            std::nullopt);
}

std::unique_ptr<sasl_mechanism> make_xoauth2(std::string user, wire::secret token) {
    std::string message = "user=" + user + "\x01" + "auth=Bearer ";
    message += token.expose();
    message += "\x01\x01";
    return std::make_unique<single_message>("XOAUTH2", wire::secret(std::move(message)),
                                            wire::secret());
}

std::unique_ptr<sasl_mechanism> make_oauthbearer(std::string user, wire::secret token,
                                                 std::string host, std::uint16_t port) {
    // RFC 7628 §3.1: gs2 header with the authzid, then key=value pairs
    // separated by %x01, ending in %x01%x01. A ',' or '=' in the user name
    // is escaped as RFC 5801 says.
    std::string authzid;
    for (char c : user) {
        if (c == ',') {
            authzid += "=2C";
        } else if (c == '=') {
            authzid += "=3D";
        } else {
            authzid += c;
        }
    }
    std::string message = "n,a=" + authzid + ",\x01" + "host=" + host + "\x01" +
                          "port=" + std::to_string(port) + "\x01" + "auth=Bearer ";
    message += token.expose();
    message += "\x01\x01";
    return std::make_unique<single_message>("OAUTHBEARER", wire::secret(std::move(message)),
                                            wire::secret(std::string("\x01")));
}

}  // namespace uvimap::session
