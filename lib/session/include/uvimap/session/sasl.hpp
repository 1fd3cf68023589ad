// SASL mechanisms for AUTHENTICATE, run by the session without a round trip
// to the application: it answers each server challenge itself.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "uvimap/wire/secret.hpp"

namespace uvimap::session {

class sasl_mechanism {
public:
    virtual ~sasl_mechanism() = default;
    // The IANA name, e.g. "PLAIN".
    virtual std::string_view name() const = 0;
    // The first client message (raw, not base64), sent with SASL-IR or as
    // the answer to the server's first, empty challenge.
    virtual wire::secret initial_response() = 0;
    // The answer to a later challenge (decoded from base64); nullopt means
    // the exchange is over from the client's side and "*" cancels it.
    virtual std::optional<wire::secret> respond(std::string_view challenge) = 0;
};

// RFC 4616: authzid (empty), user, password.
std::unique_ptr<sasl_mechanism> make_plain(std::string user, wire::secret password);
// Google's and Microsoft's XOAUTH2 with a bearer token. A failure comes as a
// challenge holding a JSON error, answered with an empty response, after
// which the server sends its tagged NO.
std::unique_ptr<sasl_mechanism> make_xoauth2(std::string user, wire::secret token);
// RFC 7628 OAUTHBEARER with a bearer token (host and port as the client
// connected). A failure challenge is answered with %x01, as the RFC says.
std::unique_ptr<sasl_mechanism> make_oauthbearer(std::string user, wire::secret token,
                                                 std::string host, std::uint16_t port);

}  // namespace uvimap::session
