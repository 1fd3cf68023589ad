#include <openssl/ssl.h>

#include "context_state.hpp"
#include "tls_errors.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls {

client_context::client_context(const context_options& options)
    : m_state(std::make_shared<state>()) {
    m_state->verify = options.verify;
    m_state->ca_file = options.ca_file;
    m_state->ctx = SSL_CTX_new(TLS_client_method());
    if (m_state->ctx == nullptr) {
        throw error(errc::setup_failed, "SSL_CTX_new: " + detail::take_openssl_error());
    }
    SSL_CTX* ctx = m_state->ctx;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // An IMAP client never needs TLS 1.2 renegotiation, and refusing it means
    // a read never has to send anything (see tls_stream.cpp).
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
    // Memory BIOs never block, so partial writes would only add bookkeeping.
    SSL_CTX_clear_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
    // A thousand idle connections must not keep 34 KiB of record buffers
    // each: OpenSSL frees them whenever they are empty.
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    if (options.resume_sessions) {
        m_state->sessions = std::make_unique<detail::session_cache>(options.sessions_per_server,
                                                                    options.max_sessions);
        // The client side only, and not OpenSSL's internal store (made for
        // servers): tls_stream.cpp picks and stores sessions itself.
        SSL_CTX_set_session_cache_mode(ctx,
                                       SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
        SSL_CTX_sess_set_new_cb(ctx, &detail::store_new_session);
    } else {
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    }
    if (options.verify == verify_mode::insecure_no_verification) {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
        return;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    const int loaded = options.ca_file.empty()
                           ? SSL_CTX_set_default_verify_paths(ctx)
                           : SSL_CTX_load_verify_locations(ctx, options.ca_file.c_str(), nullptr);
    if (loaded != 1) {
        throw error(errc::setup_failed,
                    "cannot load trusted certificates" +
                        (options.ca_file.empty() ? std::string() : " from " + options.ca_file) +
                        ": " + detail::take_openssl_error());
    }
}

verify_mode client_context::verify() const noexcept {
    return m_state->verify;
}

const std::string& client_context::ca_file() const noexcept {
    return m_state->ca_file;
}

std::size_t client_context::cached_sessions() const noexcept {
    return m_state->sessions ? m_state->sessions->size() : 0;
}

}  // namespace uvimap::tls
