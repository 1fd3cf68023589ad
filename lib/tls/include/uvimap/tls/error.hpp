#pragma once
// The error codes of the TLS layer, carried by uvimap::error like those of
// every other layer (see uvimap/error.hpp). Transport failures underneath
// (connection lost, cancelled, ...) keep their async::errc codes.

#include <system_error>

#include "uvimap/error.hpp"

namespace uvimap::tls {

enum class errc {
    // The handshake failed for a reason other than the certificate (no
    // common protocol version or cipher, an alert from the server, the
    // server closed the connection during the handshake, ...). A server that
    // closes before sending a single byte is async::errc::connection_lost
    // instead: a cut connection (a server at its connection limit), not TLS.
    handshake_failed = 1,
    // The server's certificate does not chain to a trusted CA.
    untrusted_certificate,
    // The server's certificate (or one in its chain) has expired or is not yet valid.
    expired_certificate,
    // The certificate is valid but not for the host name or address asked for.
    hostname_mismatch,
    // The peer closed the TCP connection without a TLS close_notify: the
    // data may have been cut short by an attacker.
    truncated,
    // A TLS record could not be processed after the handshake.
    protocol_error,
    // The TLS machinery could not be set up: a CA file that does not load,
    // a server name OpenSSL refuses, OpenSSL out of memory.
    setup_failed,
};

// code_name() gives "tls_" and the enumerator's name, e.g. "tls_truncated".
const error_category& tls_category() noexcept;

inline std::error_code make_error_code(errc code) noexcept {
    return {static_cast<int>(code), tls_category()};
}

}  // namespace uvimap::tls

template <>
struct std::is_error_code_enum<uvimap::tls::errc> : std::true_type {};
