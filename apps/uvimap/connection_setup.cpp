#include "connection_setup.hpp"

#include <cstdio>

#include "support/terminal_text.hpp"

namespace uvimap::app {

tls::context_options tls_options_for(const cli_options& options) {
    tls::context_options tls;
    tls.ca_file = options.ca_file;
    tls.resume_sessions = options.resume_tls_sessions;
    if (options.insecure) {
        tls.verify = tls::verify_mode::insecure_no_verification;
        std::fputs(
            "uvimap: warning: --insecure: the server's certificate is not checked; anyone on the "
            "path can pose as the server and read your password\n",
            stderr);
    }
    return tls;
}

account single_account(const cli_options& o) {
    account single;
    single.user = o.user;
    single.host = o.host;
    // imap:// is also the closest name for --plain (client_options_for
    // still connects without TLS then).
    single.security =
        o.starttls || o.plain ? connection_security::starttls : connection_security::implicit_tls;
    single.port =
        o.port ? static_cast<std::uint16_t>(*o.port) : (o.starttls || o.plain ? 143 : 993);
    single.url = canonical_url(single);
    return single;
}

std::chrono::milliseconds timeout_of(const cli_options& options) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::duration<double>(options.timeout_seconds));
}

client::options client_options_for(const cli_options& o, const account& acct,
                                   const tls::client_context& tls, async::dns_cache& dns,
                                   bool many) {
    client::options opts;
    opts.mode = acct.security == connection_security::starttls ? client::security::starttls
                                                               : client::security::implicit_tls;
    if (o.plain) {
        opts.mode = client::security::plain;
        opts.allow_plaintext = true;
        opts.allow_plaintext_credentials = o.allow_plaintext_login;
    }
    opts.port = acct.port;
    opts.tls = &tls;
    const std::chrono::milliseconds timeout = timeout_of(o);
    opts.connect_timeout = opts.greeting_timeout = opts.response_timeout = timeout;
    opts.tcp.resolver = &dns;
    opts.tcp.attempt_timeout = std::min(opts.tcp.attempt_timeout, timeout);
    const std::string prefix = many ? "[" + acct.url + "] " : std::string();
    if (o.trace) {
        opts.trace = [prefix](std::string_view line) {
            const std::string text = prefix + sanitize_for_terminal(line) + "\n";
            std::fputs(text.c_str(), stderr);
        };
    }
    opts.on_alert = [prefix](std::string_view text) {
        const std::string line = prefix + "ALERT: " + sanitize_for_terminal(text) + "\n";
        std::fputs(line.c_str(), stderr);
    };
    return opts;
}

}  // namespace uvimap::app
