#include <openssl/ssl.h>

#include "tls_errors.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls {

struct client_context::state {
    SSL_CTX* ctx = nullptr;
    verify_mode verify = verify_mode::verify_peer;
    ~state() { SSL_CTX_free(ctx); }
};

client_context::client_context(const context_options& options)
    : m_state(std::make_shared<state>()) {
    m_state->verify = options.verify;
    m_state->ctx = SSL_CTX_new(TLS_client_method());
    if (m_state->ctx == nullptr) {
        throw error(errc::tls_error, "SSL_CTX_new: " + detail::take_openssl_error());
    }
    SSL_CTX* ctx = m_state->ctx;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // An IMAP client never needs TLS 1.2 renegotiation, and refusing it means
    // a read never has to send anything (see tls_stream.cpp).
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
    // Memory BIOs never block, so partial writes would only add bookkeeping.
    SSL_CTX_clear_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
    if (options.verify == verify_mode::insecure_no_verification) {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
        return;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    const int loaded = options.ca_file.empty()
                           ? SSL_CTX_set_default_verify_paths(ctx)
                           : SSL_CTX_load_verify_locations(ctx, options.ca_file.c_str(), nullptr);
    if (loaded != 1) {
        throw error(errc::tls_error,
                    "cannot load trusted certificates" +
                        (options.ca_file.empty() ? std::string() : " from " + options.ca_file) +
                        ": " + detail::take_openssl_error());
    }
}

verify_mode client_context::verify() const noexcept {
    return m_state->verify;
}

void* client_context::native_handle() const noexcept {
    return m_state->ctx;
}

}  // namespace uvimap::tls
