// The error codes of the CLI's own operations (the password command), in
// the project's scheme: carried by uvimap::error, with a category whose
// code names are unique across layers (see uvimap/error.hpp), so that the
// JSON output can report "password_command_failed" as it reports
// "tls_hostname_mismatch".
#pragma once

#include <system_error>

#include "uvimap/error.hpp"

namespace uvimap::app {

enum class errc {
    // The command could not be started (no /bin/sh, out of processes...).
    password_command_not_started = 1,
    // It exited with a non-zero status; the message gives the status.
    password_command_failed,
    // A signal ended it; the message names the signal.
    password_command_killed,
    // It succeeded but its first line of output was empty.
    password_command_no_output,
    // It wrote more than the limit to standard output.
    password_command_output_too_long,
    // It did not finish in time and was killed.
    password_command_timed_out,
};

// code_name() gives the enumerator's name, e.g. "password_command_failed".
const error_category& app_category() noexcept;

inline std::error_code make_error_code(errc code) noexcept {
    return {static_cast<int>(code), app_category()};
}

}  // namespace uvimap::app

template <>
struct std::is_error_code_enum<uvimap::app::errc> : std::true_type {};
