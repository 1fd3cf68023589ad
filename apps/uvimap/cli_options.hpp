// What the list, status, summary and browse subcommands share: how to
// connect, where passwords come from, how many accounts at once, and what
// to print.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace uvimap::app {

struct cli_options {
    // One account: HOST USER (and the password on standard input).
    std::string host;
    std::string user;
    // Many accounts: one IMAP URL per line.
    std::string accounts_file;

    // Connecting.
    std::optional<unsigned> port;
    bool starttls = false;
    bool plain = false;
    bool allow_plaintext_login = false;
    std::string ca_file;
    bool insecure = false;
    double timeout_seconds = 60;

    // Passwords for many accounts.
    std::string netrc_file;
    std::string password_command;

    // Many accounts at once.
    std::size_t concurrency = 64;
    std::size_t per_host = 0;  // 0: no cap
    unsigned retries = 2;
    double retry_delay_seconds = 1;
    double account_timeout_seconds = 0;  // 0: none
    std::string shard;

    // Output.
    bool json = false;
    bool trace = false;
    bool stats = false;  // a JSON line of totals on standard error at the end
    bool resume_tls_sessions = true;
    bool progress = true;  // when standard error is a terminal
};

// Adds the options above to a subcommand. `with_accounts`: whether the
// subcommand takes --accounts, --json and the options that go with them
// (all but browse). The HOST USER positionals are added by the caller, as their
// place among the subcommand's own positionals differs.
void add_cli_options(CLI::App& command, cli_options& options, bool with_accounts);

// Checks the combinations CLI11 cannot express; returns a message for a
// usage error, or nullopt.
std::optional<std::string> check_cli_options(const cli_options& options);

}  // namespace uvimap::app
