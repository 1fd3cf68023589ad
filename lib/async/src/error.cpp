#include "uvimap/async/error.hpp"

#include <uv.h>

#include <iterator>
#include <string>

namespace uvimap::async {

namespace {

// In the order of errc, which starts at 1.
constexpr code_description descriptions[] = {
    {"dns_failure", "name resolution failed"},
    {"connection_refused", "connection refused"},
    {"connect_failed", "cannot connect"},
    {"connection_lost", "connection lost"},
    {"connection_aborted", "connection closed on this side while the operation was pending"},
    {"too_many_open_files", "too many open files"},
    {"io_error", "I/O error"},
    {"timed_out", "timed out"},
    {"cancelled", "cancelled"},
    {"invalid_state", "operation not possible in this state"},
};
static_assert(std::size(descriptions) == static_cast<std::size_t>(errc::invalid_state));

}  // namespace

const error_category& async_category() noexcept {
    // Immutable and constant-initialised: a category must have one address
    // for error_code comparisons, and this one is not state.
    static const table_category instance("uvimap.async", descriptions);
    return instance;
}

error uv_error(errc code, std::string_view operation, int uv_status) {
    std::string message(operation);
    message += ": ";
    message += uv_strerror(uv_status);
    return error(code, message, uv_status);
}

}  // namespace uvimap::async
