#include "uvimap/tls/error.hpp"

#include <iterator>

namespace uvimap::tls {

namespace {

// In the order of errc, which starts at 1.
constexpr code_description descriptions[] = {
    {"tls_handshake_failed", "TLS handshake failed"},
    {"tls_untrusted_certificate", "server certificate not trusted"},
    {"tls_expired_certificate", "server certificate expired or not yet valid"},
    {"tls_hostname_mismatch", "server certificate is for another name"},
    {"tls_truncated", "connection closed without a TLS close_notify"},
    {"tls_protocol_error", "TLS record could not be processed"},
    {"tls_setup_failed", "TLS could not be set up"},
};
static_assert(std::size(descriptions) == static_cast<std::size_t>(errc::setup_failed));

}  // namespace

const error_category& tls_category() noexcept {
    static const table_category instance("uvimap.tls", descriptions);
    return instance;
}

}  // namespace uvimap::tls
