#pragma once
// Typed errors shared by every I/O layer of uvimap.
//
// Coroutine code reports failures by throwing uvimap::error, so that an error
// reaches the awaiter through any depth of co_await. Each error carries a
// code (what went wrong, for programs to branch on), the native code it came
// from (a libuv UV_E* value, an OpenSSL verify result, ...) and a message for
// people.

#include <stdexcept>
#include <string>
#include <string_view>

namespace uvimap {

enum class errc {
    // Name resolution found no address for the host.
    dns_failure,
    // Every address refused the connection.
    connection_refused,
    // Connecting failed for another reason (unreachable network, ...).
    connect_failed,
    // The peer closed or reset an established connection unexpectedly.
    connection_lost,
    // A read or write failed for a reason other than the above.
    io_error,
    // A deadline passed (see with_timeout).
    timed_out,
    // The operation's cancellation token was triggered.
    cancelled,
    // The TLS handshake failed for a reason other than the certificate.
    tls_handshake_failed,
    // The server's certificate does not chain to a trusted CA.
    tls_untrusted_certificate,
    // The server's certificate (or one in its chain) has expired or is not yet valid.
    tls_expired_certificate,
    // The certificate is valid but not for the host name or address we asked for.
    tls_hostname_mismatch,
    // The peer closed the TCP connection without a TLS close_notify: the data
    // may have been truncated by an attacker.
    tls_truncated,
    // A TLS record could not be processed after the handshake.
    tls_error,
    // The operation is not possible in the object's state (closed stream, ...).
    invalid_state,
};

// A stable lower-case name for the code, e.g. "connection_refused".
std::string_view to_string(errc code) noexcept;

class error : public std::runtime_error {
public:
    error(errc code, std::string message, int native_code = 0);

    errc code() const noexcept { return m_code; }
    // The code from the layer below: a libuv UV_E* value, an X509_V_ERR_*
    // value or an SSL_get_error result, depending on the code; 0 if none.
    int native_code() const noexcept { return m_native_code; }

private:
    errc m_code;
    int m_native_code;
};

// Builds an error from a negative libuv status, naming the operation.
error uv_error(errc code, std::string_view operation, int uv_status);

}  // namespace uvimap
