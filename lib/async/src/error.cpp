#include "uvimap/async/error.hpp"

#include <uv.h>

namespace uvimap {

std::string_view to_string(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::dns_failure:
            return "dns_failure";
        case ErrorKind::connection_refused:
            return "connection_refused";
        case ErrorKind::connect_failed:
            return "connect_failed";
        case ErrorKind::connection_lost:
            return "connection_lost";
        case ErrorKind::io_error:
            return "io_error";
        case ErrorKind::timed_out:
            return "timed_out";
        case ErrorKind::cancelled:
            return "cancelled";
        case ErrorKind::tls_handshake_failed:
            return "tls_handshake_failed";
        case ErrorKind::tls_untrusted_certificate:
            return "tls_untrusted_certificate";
        case ErrorKind::tls_expired_certificate:
            return "tls_expired_certificate";
        case ErrorKind::tls_hostname_mismatch:
            return "tls_hostname_mismatch";
        case ErrorKind::tls_truncated:
            return "tls_truncated";
        case ErrorKind::tls_error:
            return "tls_error";
        case ErrorKind::invalid_state:
            return "invalid_state";
    }
    return "unknown";
}

Error::Error(ErrorKind kind, std::string message, int native_code)
    : std::runtime_error(std::move(message)), m_kind(kind), m_native_code(native_code) {}

Error uv_error(ErrorKind kind, std::string_view operation, int uv_status) {
    std::string message(operation);
    message += ": ";
    message += uv_strerror(uv_status);
    return Error(kind, std::move(message), uv_status);
}

}  // namespace uvimap
