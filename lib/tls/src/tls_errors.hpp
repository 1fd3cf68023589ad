#pragma once
// Turning OpenSSL's error state into uvimap::error with a code a program can
// act on and a message a person can act on.

#include <openssl/ssl.h>

#include <string>

#include "uvimap/async/error.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls::detail {

// The text of the oldest queued OpenSSL error (and clears the queue).
std::string take_openssl_error();

// After a failed handshake: a certificate problem if verification was on and
// failed, otherwise a generic handshake failure naming OpenSSL's reason.
error handshake_error(SSL* ssl, const std::string& server_name, verify_mode verify);

}  // namespace uvimap::tls::detail
