#include "uvimap/async/error.hpp"

#include <uv.h>

namespace uvimap {

std::string_view to_string(errc code) noexcept {
    switch (code) {
        case errc::dns_failure:
            return "dns_failure";
        case errc::connection_refused:
            return "connection_refused";
        case errc::connect_failed:
            return "connect_failed";
        case errc::connection_lost:
            return "connection_lost";
        case errc::io_error:
            return "io_error";
        case errc::timed_out:
            return "timed_out";
        case errc::cancelled:
            return "cancelled";
        case errc::tls_handshake_failed:
            return "tls_handshake_failed";
        case errc::tls_untrusted_certificate:
            return "tls_untrusted_certificate";
        case errc::tls_expired_certificate:
            return "tls_expired_certificate";
        case errc::tls_hostname_mismatch:
            return "tls_hostname_mismatch";
        case errc::tls_truncated:
            return "tls_truncated";
        case errc::tls_error:
            return "tls_error";
        case errc::invalid_state:
            return "invalid_state";
    }
    return "unknown";
}

error::error(errc code, std::string message, int native_code)
    : std::runtime_error(std::move(message)), m_code(code), m_native_code(native_code) {}

error uv_error(errc code, std::string_view operation, int uv_status) {
    std::string message(operation);
    message += ": ";
    message += uv_strerror(uv_status);
    return error(code, std::move(message), uv_status);
}

}  // namespace uvimap
