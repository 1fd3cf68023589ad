// The exit status of `uvimap list|status|summary|browse`, single account
// or many (docs/scale-out.md relies on it):
//   0  every account and operation succeeded
//   1  at least one account or operation failed (bad password, refused
//      connection, timeout, TLS, a server NO...); the others still ran and
//      their results were printed
//   2  usage error: bad arguments, an unreadable or invalid accounts or
//      netrc file, a bad --shard; nothing was attempted
// (`uvimap parse` keeps its own statuses, see parse_command.hpp.)
#pragma once

namespace uvimap::app::exit_status {

inline constexpr int success = 0;
inline constexpr int failure = 1;
inline constexpr int usage = 2;

}  // namespace uvimap::app::exit_status
