#include "cli_options.hpp"

namespace uvimap::app {

void add_cli_options(CLI::App& command, cli_options& o, bool with_accounts) {
    command
        .add_option("--port", o.port, "server port (default 993, or 143 with --starttls/--plain)")
        ->check(CLI::Range(1, 65535));
    auto* starttls = command.add_flag("--starttls", o.starttls,
                                      "connect in plain and upgrade with STARTTLS (no fall-back)");
    auto* plain =
        command.add_flag("--plain", o.plain, "no TLS at all (see --allow-plaintext-login)");
    plain->excludes(starttls);
    command.add_flag("--allow-plaintext-login", o.allow_plaintext_login,
                     "with --plain: send the password without TLS");
    command
        .add_option("--cafile", o.ca_file, "trust the CAs in this PEM file instead of the system's")
        ->check(CLI::ExistingFile);
    command.add_flag("--insecure", o.insecure,
                     "do not verify the server's certificate (prints a warning)");
    command
        .add_option("--timeout", o.timeout_seconds,
                    "seconds for connecting, for the greeting, and for each answer (default 60)")
        ->check(CLI::Range(0.01, 86400.0));
    command.add_flag("--trace", o.trace,
                     "the protocol trace on standard error, passwords redacted");
    command.add_flag("!--no-session-resumption", o.resume_tls_sessions,
                     "a full TLS handshake for every connection");
    command
        .add_option("--retries", o.retries,
                    "retries of a refused, reset or timed-out connection (default 2)")
        ->check(CLI::Range(0, 10));
    command
        .add_option("--retry-delay", o.retry_delay_seconds,
                    "seconds before the first retry, doubled each time (default 1)")
        ->check(CLI::Range(0.0, 3600.0));
    if (!with_accounts) {
        return;  // browse: a conversation, not a report
    }
    command.add_flag("--json", o.json, "one JSON object per account per line");
    command.add_flag(
        "--stats", o.stats,
        "at the end, a JSON line of totals on standard error (time, CPU, bytes, memory)");
    command.add_option("--accounts", o.accounts_file,
                       "many accounts: a file of imaps://user@host[:port] URLs, one per line");
    auto* netrc = command.add_option(
        "--netrc", o.netrc_file, "passwords from this netrc file (refused if others can read it)");
    auto* pw_cmd = command.add_option(
        "--password-command", o.password_command,
        "run this for each account's password (UVIMAP_ACCOUNT_URL in its environment)");
    netrc->excludes(pw_cmd);
    command.add_option("--concurrency", o.concurrency, "connections at once (default 64)")
        ->check(CLI::Range(1, 100000));
    command
        .add_option("--per-host", o.per_host, "connections at once to one server (default: no cap)")
        ->check(CLI::Range(1, 100000));
    command
        .add_option("--account-timeout", o.account_timeout_seconds,
                    "seconds one try at an account may take, connecting to logging out "
                    "(default: no limit)")
        ->check(CLI::Range(0.01, 604800.0));
    command.add_option("--shard", o.shard, "only the accounts of shard I of N (0 <= I < N)");
    command.add_flag("!--no-progress", o.progress, "no progress line on standard error");
}

std::optional<std::string> check_cli_options(const cli_options& o) {
    const bool many = !o.accounts_file.empty();
    if (many && (!o.host.empty() || !o.user.empty())) {
        return "give either HOST USER or --accounts FILE, not both";
    }
    if (!many && (o.host.empty() || o.user.empty())) {
        return "HOST and USER are required (or --accounts FILE)";
    }
    if (many && (o.starttls || o.plain || o.port)) {
        return "with --accounts, each URL says how to connect and where (imaps://user@host:port, "
               "or imap:// for STARTTLS), not --starttls, --plain or --port";
    }
    if (!many && !o.shard.empty()) {
        return "--shard goes with --accounts";
    }
    if (o.allow_plaintext_login && !o.plain) {
        return "--allow-plaintext-login goes with --plain";
    }
    return std::nullopt;
}

}  // namespace uvimap::app
