#pragma once
// What a client_context shares among its connections.

#include <openssl/ssl.h>

#include <memory>
#include <string>

#include "session_cache.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls {

struct client_context::state {
    SSL_CTX* ctx = nullptr;
    verify_mode verify = verify_mode::verify_peer;
    std::string ca_file;
    // Null when resumption is off.
    std::unique_ptr<detail::session_cache> sessions;

    ~state() { SSL_CTX_free(ctx); }
};

namespace detail {

// OpenSSL's new-session callback (tls_stream.cpp): TLS 1.2 calls it during
// the handshake, TLS 1.3 whenever a ticket arrives, which is after the
// handshake, inside a read. Returns 1 when the cache kept the reference.
int store_new_session(SSL* ssl, SSL_SESSION* session);

}  // namespace detail

}  // namespace uvimap::tls
