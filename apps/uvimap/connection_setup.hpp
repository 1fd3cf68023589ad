// From the command line's options to the library's: the TLS context, the
// client options for one account, the account of HOST USER.
#pragma once

#include <chrono>

#include "cli_options.hpp"
#include "support/account_url.hpp"
#include "uvimap/async/dns.hpp"
#include "uvimap/client/options.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::app {

// Trust settings from --cafile and --insecure (which also prints its
// warning on standard error).
tls::context_options tls_options_for(const cli_options& options);

// The one account of HOST USER [--port] [--starttls] [--plain].
account single_account(const cli_options& options);

// --timeout, as the library takes it.
std::chrono::milliseconds timeout_of(const cli_options& options);

// How to connect to `acct`: its security (or --plain), port, the timeouts
// of --timeout, the shared TLS context and DNS cache, and a trace on
// standard error with --trace (prefixed with the account when `many`).
// Alerts go to standard error. Server text there is sanitised.
client::options client_options_for(const cli_options& options, const account& acct,
                                   const tls::client_context& tls, async::dns_cache& dns,
                                   bool many);

}  // namespace uvimap::app
