#include "tls_errors.hpp"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

namespace uvimap::tls::detail {

std::string take_openssl_error() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return "unknown TLS error";
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

namespace {

errc verify_error_code(long result) {
    switch (result) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
        case X509_V_ERR_CERT_NOT_YET_VALID:
        case X509_V_ERR_CRL_HAS_EXPIRED:
            return errc::expired_certificate;
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return errc::hostname_mismatch;
        default:
            return errc::untrusted_certificate;
    }
}

}  // namespace

error handshake_error(SSL* ssl, const std::string& server_name, verify_mode verify_peer) {
    // Without verification the result may be non-OK yet irrelevant.
    const long verify =
        verify_peer == verify_mode::verify_peer ? SSL_get_verify_result(ssl) : X509_V_OK;
    if (verify != X509_V_OK) {
        ERR_clear_error();
        return error(
            verify_error_code(verify),
            "certificate of " + server_name + " rejected: " + X509_verify_cert_error_string(verify),
            static_cast<int>(verify));
    }
    return error(errc::handshake_failed,
                 "TLS handshake with " + server_name + " failed: " + take_openssl_error());
}

}  // namespace uvimap::tls::detail
