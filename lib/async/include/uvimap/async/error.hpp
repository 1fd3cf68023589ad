#pragma once
// The error codes of the async layer: name resolution, TCP, timers,
// cancellation. They travel in uvimap::error (uvimap/error.hpp), the one
// exception type of every I/O layer; TLS and IMAP own their codes in their
// own layers.
//
// Coroutine code reports failures by throwing, so that an error reaches the
// awaiter through any depth of co_await. Compare codes, never message texts:
//
//     catch (const uvimap::error& e) {
//         if (e.code() == uvimap::async::errc::timed_out) { ... }
//     }

#include <string_view>
#include <system_error>

#include "uvimap/error.hpp"

namespace uvimap::async {

enum class errc {
    // Name resolution found no address for the host.
    dns_failure = 1,
    // Every address refused the connection.
    connection_refused,
    // Connecting failed for another reason (unreachable network, every
    // address timed out, ...).
    connect_failed,
    // The peer closed or reset an established connection unexpectedly.
    connection_lost,
    // The stream was closed on this side (close(), abort(), a failed or
    // cancelled write) while the operation was pending; the message says why.
    connection_aborted,
    // The process ran out of file descriptors (EMFILE/ENFILE); the message
    // gives the limit. See raise_open_file_limit().
    too_many_open_files,
    // A read or write failed for a reason other than the above.
    io_error,
    // A deadline passed (see with_timeout).
    timed_out,
    // The operation's cancellation token was triggered.
    cancelled,
    // The operation is not possible in the object's state (a stream that
    // was moved from or closed, a second concurrent read, ...): a bug in
    // the calling code rather than a network condition.
    invalid_state,
};

// The category of errc; its code_name() gives the enumerator's name
// ("connection_refused").
const error_category& async_category() noexcept;

inline std::error_code make_error_code(errc code) noexcept {
    return {static_cast<int>(code), async_category()};
}

// Builds an error from a negative libuv status, naming the operation.
error uv_error(errc code, std::string_view operation, int uv_status);

}  // namespace uvimap::async

template <>
struct std::is_error_code_enum<uvimap::async::errc> : std::true_type {};
