#include <openssl/ssl.h>

#include "tls_errors.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::tls {

struct Context::State {
    SSL_CTX* ctx = nullptr;
    Verification verification = Verification::verify_peer;
    ~State() { SSL_CTX_free(ctx); }
};

Context::Context(const ContextOptions& options) : m_state(std::make_shared<State>()) {
    m_state->verification = options.verification;
    m_state->ctx = SSL_CTX_new(TLS_client_method());
    if (m_state->ctx == nullptr) {
        throw Error(ErrorKind::tls_error, "SSL_CTX_new: " + detail::take_openssl_error());
    }
    SSL_CTX* ctx = m_state->ctx;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // Memory BIOs never block, so partial writes would only add bookkeeping.
    SSL_CTX_clear_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
    if (options.verification == Verification::insecure_no_verification) {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
        return;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    const int loaded = options.ca_file.empty()
                           ? SSL_CTX_set_default_verify_paths(ctx)
                           : SSL_CTX_load_verify_locations(ctx, options.ca_file.c_str(), nullptr);
    if (loaded != 1) {
        throw Error(ErrorKind::tls_error,
                    "cannot load trusted certificates" +
                        (options.ca_file.empty() ? std::string() : " from " + options.ca_file) +
                        ": " + detail::take_openssl_error());
    }
}

Verification Context::verification() const noexcept {
    return m_state->verification;
}

void* Context::native_handle() const noexcept {
    return m_state->ctx;
}

}  // namespace uvimap::tls
