// bench_raw_floor: the server-bound floor of `uvimap summary`.
//
// For each account: connect with uvimap's TLS (verifying the server against
// a CA file), read the greeting, then send in one write
//   a LOGIN user password
//   b EXAMINE folder
//   c UID FETCH 1:* (UID ENVELOPE BODYSTRUCTURE BODY.PEEK[1]<0.256>)
//   d LOGOUT
// and read until d's completion or the end of the connection, discarding
// the bytes after a scan for the four tagged completions
// (response_scanner.hpp). It asks the server for what summary needs and
// does nothing with it: no client that shows the summary can be faster
// against the same server, which makes it the yardstick for uvimap's
// figures in docs/benchmarks.md.
//
//   bench_raw_floor --accounts FILE --netrc FILE --ca-file CA [--folder INBOX]
//                   [--concurrency N] [--timeout SECONDS] [--no-resume]
//   echo PASSWORD | bench_raw_floor --url imaps://USER@HOST:PORT --ca-file CA ...
//
// TLS sessions are resumed as uvimap resumes them, unless --no-resume: then
// every connection makes a full handshake.
//
// Prints one JSON line, the one `uvimap --stats` prints (run_stats.hpp):
// accounts, succeeded, failed, concurrency, wall seconds, client CPU seconds
// (user and system), IMAP bytes read and written (after TLS) and the peak
// resident set. Exits 1 if any account
// failed (the first few errors go to standard error), 2 on bad arguments.

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts_file.hpp"
#include "exit_status.hpp"
#include "netrc_file.hpp"
#include "response_scanner.hpp"
#include "run_stats.hpp"
#include "stdin_password.hpp"
#include "uvimap/async/dns.hpp"
#include "uvimap/async/fd_limit.hpp"
#include "uvimap/async/run.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;

namespace {

struct settings {
    std::vector<app::account> accounts;
    std::optional<app::netrc> credentials;  // --netrc
    std::optional<wire::secret> password;   // --url: one password from stdin
    std::string ca_file;
    std::string folder = "INBOX";
    std::size_t concurrency = 64;
    std::chrono::seconds timeout{300};
    bool resume = true;
};

struct totals {
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_written = 0;
    std::size_t errors_shown = 0;
};

[[noreturn]] void usage(const std::string& problem) {
    std::fprintf(stderr,
                 "bench_raw_floor: %s\n"
                 "usage: bench_raw_floor (--accounts FILE --netrc FILE | --url URL) --ca-file CA\n"
                 "                       [--folder NAME] [--concurrency N] [--timeout SECONDS] "
                 "[--no-resume]\n"
                 "  with --url the password is read from standard input\n",
                 problem.c_str());
    std::exit(app::exit_status::usage);
}

// An IMAP quoted string; the floor sends nothing that needs a literal.
std::optional<std::string> quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == '\0')
            return std::nullopt;
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

void report_failure(totals& t, const app::account& a, const std::string& what) {
    ++t.failed;
    if (t.errors_shown++ < 5)
        std::fprintf(stderr, "bench_raw_floor: %s: %s\n", a.url.c_str(), what.c_str());
}

async::task<void> one_account(uv_loop_t* loop, const settings& config,
                              const tls::client_context& context, async::dns_cache& dns,
                              const app::account& a, totals& t) {
    const std::optional<wire::secret> password =
        config.password ? config.password : config.credentials->password_for(a.host, a.user);
    if (!password) {
        report_failure(t, a, "no password in the netrc");
        co_return;
    }
    const auto user = quoted(a.user);
    const auto pass = quoted(password->expose());
    const auto folder = quoted(config.folder);
    if (!user || !pass || !folder) {
        report_failure(t, a, "a user, password or folder with CR, LF or NUL");
        co_return;
    }
    // Wiped when it goes, like every copy of a password.
    const wire::secret commands("a LOGIN " + *user + " " + *pass + "\r\nb EXAMINE " + *folder +
                                "\r\nc UID FETCH 1:* (UID ENVELOPE BODYSTRUCTURE "
                                "BODY.PEEK[1]<0.256>)\r\nd LOGOUT\r\n");

    async::tcp_options options;
    options.resolver = &dns;
    tls::tls_stream stream = co_await tls::connect(loop, a.host, a.port, context, options);
    std::uint64_t bytes = 0;
    bool greeted = false;
    while (!greeted) {
        const auto chunk = co_await stream.read();
        if (chunk.empty())
            break;
        bytes += chunk.size();
        greeted = std::string_view(chunk.data(), chunk.size()).find('\n') != std::string_view::npos;
    }
    bench::response_scanner scanner;
    if (greeted) {
        co_await stream.write(std::span<const char>(commands.expose().data(), commands.size()));
        t.bytes_written += commands.size();
        while (!scanner.finished()) {
            const auto chunk = co_await stream.read();
            if (chunk.empty())
                break;
            bytes += chunk.size();
            scanner.feed(chunk);
        }
    }
    co_await stream.close();
    t.bytes_read += bytes;
    if (!greeted)
        report_failure(t, a, "the server closed the connection before its greeting");
    else if (!scanner.finished())
        report_failure(t, a, "the server closed the connection before LOGOUT completed");
    else if (!scanner.all_ok())
        report_failure(t, a, "a command failed: " + scanner.first_failure());
    else
        ++t.succeeded;
}

async::task<void> run_all(uv_loop_t* loop, const settings& config, totals& t) {
    tls::context_options tls_options;
    tls_options.ca_file = config.ca_file;
    tls_options.resume_sessions = config.resume;
    const tls::client_context context(tls_options);
    async::dns_cache dns(loop);
    async::async_scope scope(config.concurrency);
    for (const app::account& a : config.accounts) {
        scope.spawn([](uv_loop_t* loop, const settings& config, const tls::client_context& context,
                       async::dns_cache& dns, const app::account& a,
                       totals& t) -> async::task<void> {
            try {
                co_await async::with_timeout(
                    loop, std::chrono::duration_cast<std::chrono::milliseconds>(config.timeout),
                    one_account(loop, config, context, dns, a, t));
            } catch (const error& e) {
                report_failure(t, a, code_name(e.code()) + ": " + e.what());
            }
        }(loop, config, context, dns, a, t));
    }
    co_await scope.join();
}

std::size_t positive_number(const char* text, const char* option) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (end == text || *end != '\0' || value == 0)
        usage(std::string(option) + " wants a positive whole number");
    return static_cast<std::size_t>(value);
}

settings parse_arguments(int argc, char** argv) {
    settings config;
    std::optional<std::string> accounts_file, netrc_path, url;
    for (int i = 1; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (option == "--no-resume") {
            config.resume = false;
            continue;
        }
        if (i + 1 >= argc)
            usage("missing value after " + std::string(option));
        const char* value = argv[++i];
        if (option == "--accounts")
            accounts_file = value;
        else if (option == "--netrc")
            netrc_path = value;
        else if (option == "--url")
            url = value;
        else if (option == "--ca-file")
            config.ca_file = value;
        else if (option == "--folder")
            config.folder = value;
        else if (option == "--concurrency")
            config.concurrency = positive_number(value, "--concurrency");
        else if (option == "--timeout")
            config.timeout = std::chrono::seconds(positive_number(value, "--timeout"));
        else
            usage("unknown option " + std::string(option));
    }
    if (config.ca_file.empty())
        usage("--ca-file is required: the floor verifies the server like uvimap does");
    if (url.has_value() == accounts_file.has_value())
        usage("give either --url or --accounts");
    if (url) {
        auto parsed = app::parse_account_url(*url);
        if (!parsed)
            usage(*url + ": " + parsed.error());
        config.accounts.push_back(*parsed);
        auto password = app::read_password_from_stdin("Password for " + parsed->url + ": ");
        if (!password)
            usage(password.error());
        config.password = std::move(*password);
    } else {
        if (!netrc_path)
            usage("--accounts needs --netrc");
        auto loaded = app::load_accounts_file(*accounts_file);
        if (!loaded) {
            for (const std::string& message : loaded.error())
                std::fprintf(stderr, "%s\n", message.c_str());
            usage("bad accounts file");
        }
        config.accounts = std::move(*loaded);
        auto credentials = app::load_netrc_file(*netrc_path);
        if (!credentials)
            usage(credentials.error());
        config.credentials = std::move(*credentials);
    }
    for (const app::account& a : config.accounts) {
        if (a.security != app::connection_security::implicit_tls)
            usage(a.url + ": the floor speaks implicit TLS (imaps://) only");
    }
    return config;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    const settings config = parse_arguments(argc, argv);
    // Two descriptors of headroom per connection, and some for the rest.
    async::raise_open_file_limit(2 * config.concurrency + 64);

    uv_loop_t loop;
    uv_loop_init(&loop);
    totals t;
    const auto start = std::chrono::steady_clock::now();
    async::run(&loop, run_all(&loop, config, t));
    uv_loop_close(&loop);

    app::run_totals result;
    result.tool = "raw_floor";
    result.accounts = config.accounts.size();
    result.succeeded = t.succeeded;
    result.failed = t.failed;
    result.concurrency = config.concurrency;
    result.bytes_read = t.bytes_read;
    result.bytes_written = t.bytes_written;
    std::fputs(app::stats_line(result, std::chrono::steady_clock::now() - start).c_str(), stdout);
    return t.failed == 0 ? app::exit_status::success : app::exit_status::failure;
}
