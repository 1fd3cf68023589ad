#include "job.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "connection_setup.hpp"
#include "host_limiter.hpp"
#include "support/account_url.hpp"
#include "support/accounts_file.hpp"
#include "support/exit_status.hpp"
#include "support/netrc_file.hpp"
#include "support/password_command.hpp"
#include "support/progress_line.hpp"
#include "support/run_stats.hpp"
#include "support/shard.hpp"
#include "support/stdin_password.hpp"
#include "support/terminal_text.hpp"
#include "uvimap/async/dns.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/fd_limit.hpp"
#include "uvimap/async/run.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"

namespace uvimap::app {

namespace {

using std::chrono::steady_clock;

// What one account's run produced.
class buffered_output final : public account_output {
public:
    buffered_output(bool json, bool stream) : m_json_mode(json), m_stream(stream) {}

    void line(std::string_view text) override {
        m_emitted = true;
        if (m_stream) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            std::fputc('\n', stdout);
        } else {
            m_text.append(text).push_back('\n');
        }
    }
    json_writer* json() override {
        if (!m_json_mode) {
            return nullptr;
        }
        if (!m_writer) {
            m_writer.emplace(m_data);
        }
        m_emitted = true;
        return &*m_writer;
    }

    // Starts again for a retry.
    void clear() {
        m_text.clear();
        m_data.clear();
        m_writer.reset();
        m_emitted = false;
    }
    bool emitted() const noexcept { return m_emitted; }
    const std::string& text() const noexcept { return m_text; }
    const std::string& data() const noexcept { return m_data; }

private:
    bool m_json_mode;
    bool m_stream;
    bool m_emitted = false;
    std::string m_text;
    std::string m_data;
    std::optional<json_writer> m_writer;
};

bool is_transient(const std::error_code& code) {
    return code == async::errc::connection_refused || code == async::errc::connection_lost ||
           code == async::errc::timed_out || code == async::errc::connect_failed;
}

// Everything the accounts of one run share.
struct job_state {
    const cli_options& options;
    const account_operation& operation;
    uv_loop_t* loop;
    tls::client_context tls;
    async::dns_cache dns;
    host_limiter hosts;     // --per-host
    host_limiter everyone;  // --concurrency: one "host" that all accounts share
    std::optional<netrc> passwords;
    std::optional<wire::secret> stdin_password;
    bool many;
    progress_counts progress;
    std::uint64_t bytes_read = 0;
    std::uint64_t bytes_written = 0;
    redraw_limiter redraw{10};
    bool show_progress = false;
    steady_clock::time_point started = steady_clock::now();
    // Standard output failed (a full disk, a closed pipe): the run stops.
    bool output_failed = false;
    std::minstd_rand jitter{std::random_device{}()};
    async::async_scope* accounts = nullptr;

    job_state(const cli_options& o, const account_operation& op, uv_loop_t* l,
              tls::context_options tls_options, bool many_accounts)
        : options(o),
          operation(op),
          loop(l),
          tls(tls_options),
          dns(l),
          hosts(o.per_host),
          everyone(o.concurrency),
          many(many_accounts) {}

    void draw_progress(bool force) {
        if (show_progress && (force || redraw.should_redraw(steady_clock::now()))) {
            const std::string line = render_progress(progress, steady_clock::now() - started);
            std::fputs(line.c_str(), stderr);
            std::fflush(stderr);
        }
    }
    void clear_progress() {
        if (show_progress) {
            std::fputs(std::string(clear_progress_line()).c_str(), stderr);
        }
    }
};

async::task<wire::secret> password_for(job_state& job, const account& acct) {
    if (job.passwords) {
        if (std::optional<wire::secret> found = job.passwords->password_for(acct.host, acct.user)) {
            co_return std::move(*found);
        }
        throw error(client::errc::authentication_failed,
                    "no entry for " + acct.user + " at " + acct.host + " in the netrc file");
    }
    if (!job.options.password_command.empty()) {
        co_return co_await run_password_command(job.loop, job.options.password_command, acct);
    }
    co_return *job.stdin_password;
}

// What the user can do about an error, in terms of this program's options.
std::string cli_hint(const std::error_code& code) {
    if (code == client::errc::insecure) {
        return " (--starttls encrypts the connection first; --allow-plaintext-login sends the "
               "password in clear anyway)";
    }
    return {};
}

// Half the delay plus up to as much again at random, so that accounts a
// server turned away together (at its connection limit) do not all come
// back at the same moment.
std::chrono::milliseconds jittered(std::chrono::milliseconds delay, std::minstd_rand& random) {
    std::uniform_int_distribution<std::chrono::milliseconds::rep> extra(0, delay.count());
    return delay / 2 + std::chrono::milliseconds(extra(random));
}

std::chrono::milliseconds logout_limit(const cli_options& options) {
    return std::min(timeout_of(options), std::chrono::milliseconds(5'000));
}

// Whether the server answered NO or BAD (the connection goes on).
bool was_refused(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const client::command_error& e) {
        return e.code() == client::errc::no || e.code() == client::errc::bad;
    } catch (...) {
        return false;
    }
}

// How far an attempt got: a connection lost while LOGIN waited for its
// answer may be a server's way of refusing the password, and is not retried.
enum class attempt_phase { connecting, logging_in, working };

// Connects, logs in, runs the operation, logs out.
async::task<void> attempt(job_state& job, const account& acct, const wire::secret& password,
                          account_output& out, attempt_phase& phase) {
    phase = attempt_phase::connecting;
    client::options options = client_options_for(job.options, acct, job.tls, job.dns, job.many);
    client::client imap = co_await client::client::connect(job.loop, acct.host, options);
    std::exception_ptr failure;
    try {
        client::login_options how;
        if (acct.mechanism == auth_mechanism::plain) {
            how.use = client::login_options::method::plain;
        }
        phase = attempt_phase::logging_in;
        co_await imap.login(acct.user, password, how);
        phase = attempt_phase::working;
        co_await job.operation(imap, out);
    } catch (...) {
        failure = std::current_exception();
    }
    // The work is done once the operation returns: a LOGOUT that fails (a
    // server that closes after its BYE) changes nothing of it. A command
    // the server refused (a folder that does not exist) leaves the
    // connection usable, so it ends politely too.
    bool logged_out = false;
    if (!failure || (imap.is_open() && was_refused(failure))) {
        try {
            // The work is done: a server slow to say goodbye gets a few
            // seconds, not the whole --timeout, before the connection closes.
            co_await async::with_timeout(job.loop, logout_limit(job.options), imap.logout());
            logged_out = true;
        } catch (const std::exception&) {
        }
    }
    if (!logged_out) {
        co_await imap.close();
    }
    job.bytes_read += imap.traffic().received;
    job.bytes_written += imap.traffic().sent;
    if (failure) {
        std::rethrow_exception(failure);
    }
}

void write_json_line(const account& acct, const buffered_output& out,
                     const std::optional<error>& failure) {
    std::string line;
    json_writer w(line);
    w.begin_object();
    w.key("account");
    w.string(acct.url);
    w.key("ok");
    w.boolean(!failure);
    w.key("error");
    if (failure) {
        w.begin_object();
        w.key("kind");
        w.string(code_name(failure->code()));
        w.key("message");
        w.string(failure->what());
        w.end_object();
    } else {
        w.null();
    }
    w.key("data");
    if (failure || out.data().empty()) {
        w.null();
    } else {
        line += out.data();
    }
    w.end_object();
    line += '\n';
    std::fputs(line.c_str(), stdout);
}

void print_result(job_state& job, const account& acct, const buffered_output& out,
                  const std::optional<error>& failure) {
    if (job.output_failed) {
        return;
    }
    job.clear_progress();
    if (job.options.json) {
        write_json_line(acct, out, failure);
    } else if (job.many) {
        std::string block = "== " + acct.url + " ==\n" + out.text();
        if (failure) {
            block += "error: " + code_name(failure->code()) + ": " +
                     sanitize_for_terminal(failure->what()) + "\n";
        }
        std::fputs(block.c_str(), stdout);
    } else if (failure) {
        std::fflush(stdout);
        std::fprintf(stderr, "uvimap: %s: %s\n", code_name(failure->code()).c_str(),
                     sanitize_for_terminal(failure->what()).c_str());
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        // Nobody reads what the other accounts would print: stop them.
        job.output_failed = true;
        std::fprintf(stderr, "uvimap: cannot write the output: %s\n", std::strerror(errno));
        job.accounts->cancel();
        return;
    }
    job.draw_progress(true);
}

// Runs an attempt within --account-timeout, when there is one. Unlike
// --timeout, which a server resets with every byte it sends, this bounds a
// server that keeps the account busy: one that sends keepalives or an
// answer without end. Going over it fails with timed_out and sets
// `over_limit`.
async::task<void> attempt_in_time(job_state& job, const account& acct, const wire::secret& password,
                                  account_output& out, attempt_phase& phase, bool& over_limit) {
    const double seconds = job.options.account_timeout_seconds;
    if (seconds <= 0) {
        co_await attempt(job, acct, password, out, phase);
        co_return;
    }
    const async::cancellation_token parent = co_await async::current_cancellation_token();
    async::cancellation_source stop;
    async::deadline_timer deadline(job.loop,
                                   std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::duration<double>(seconds)),
                                   [&stop] { stop.request_cancellation(); });
    std::exception_ptr failure;
    try {
        co_await async::with_cancellation(stop.token(), attempt(job, acct, password, out, phase));
    } catch (...) {
        failure = std::current_exception();
    }
    over_limit = failure && deadline.expired() && !parent.is_cancelled();
    co_await deadline.close();
    if (over_limit) {
        throw error(async::errc::timed_out, acct.host +
                                                " kept the account busy past --account-timeout (" +
                                                fmt::format("{:g}", seconds) + " s)");
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
}

// Whether a failed attempt is worth another.
bool worth_retrying(const job_state& job, const error& failure, attempt_phase phase, unsigned tries,
                    const buffered_output& out, bool stream) {
    // A refused, reset or silent connection is, if nothing was printed for
    // it yet; a refused password never is, nor a connection lost while
    // LOGIN waited for its answer.
    return tries < job.options.retries && is_transient(failure.code()) &&
           phase != attempt_phase::logging_in && !(stream && out.emitted());
}

async::task<void> run_account(job_state& job, account acct, bool& any_failed) {
    const bool stream = !job.many && !job.options.json;
    buffered_output out(job.options.json, stream);
    std::optional<error> failure;
    std::optional<wire::secret> password;  // asked for once, whatever the retries
    auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::duration<double>(job.options.retry_delay_seconds));
    for (unsigned tries = 0;; ++tries) {
        attempt_phase phase = attempt_phase::connecting;
        bool over_limit = false;  // a server that held it that long would again
        {
            // The server's slot first, then one of the run's: accounts that
            // wait for a busy server hold nothing the others could use.
            host_limiter::slot host_slot = co_await job.hosts.acquire(acct.host);
            host_limiter::slot run_slot = co_await job.everyone.acquire(std::string());
            ++job.progress.in_flight;
            job.draw_progress(false);
            try {
                if (!password) {
                    password = co_await password_for(job, acct);
                }
                co_await attempt_in_time(job, acct, *password, out, phase, over_limit);
                failure.reset();
            } catch (const error& e) {
                failure.emplace(e.code(), e.what() + cli_hint(e.code()), e.native_code());
            } catch (const std::exception& e) {
                failure.emplace(async::errc::io_error, e.what());
            }
            --job.progress.in_flight;
        }
        if (!failure || over_limit || !worth_retrying(job, *failure, phase, tries, out, stream)) {
            break;
        }
        out.clear();
        co_await async::sleep_for(job.loop, jittered(delay, job.jitter));
        delay *= 2;
    }
    ++(failure ? job.progress.failed : job.progress.done);
    any_failed = any_failed || failure.has_value();
    print_result(job, acct, out, failure);
}

// The accounts of this run, after --shard; or a usage error.
wire::expected<std::vector<account>, std::string> accounts_of(const cli_options& o) {
    if (o.accounts_file.empty()) {
        return std::vector<account>{single_account(o)};
    }
    auto loaded = load_accounts_file(o.accounts_file);
    if (!loaded) {
        std::string message;
        for (const std::string& line : loaded.error()) {
            message += (message.empty() ? "" : "\n") + line;
        }
        return wire::unexpected(message);
    }
    std::vector<account> accounts = std::move(*loaded);
    if (!o.shard.empty()) {
        const auto which = parse_shard(o.shard);
        if (!which) {
            return wire::unexpected("--shard: " + which.error());
        }
        std::erase_if(accounts, [&](const account& a) { return !in_shard(a, *which); });
    }
    return accounts;
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "uvimap: %s\n", message.c_str());
    return exit_status::usage;
}

}  // namespace

int run_job(const cli_options& options, const account_operation& operation) {
    if (const auto problem = check_cli_options(options)) {
        return usage_error(*problem);
    }
    auto accounts = accounts_of(options);
    if (!accounts) {
        return usage_error(accounts.error());
    }
    const bool many = !options.accounts_file.empty();
    std::optional<netrc> passwords;
    if (!options.netrc_file.empty()) {
        auto loaded = load_netrc_file(options.netrc_file);
        if (!loaded) {
            return usage_error(loaded.error());
        }
        passwords = std::move(*loaded);
    }
    std::optional<wire::secret> stdin_password;
    if (!many && !passwords && options.password_command.empty()) {
        auto read =
            read_password_from_stdin("Password for " + options.user + "@" + options.host + ": ");
        if (!read) {
            return usage_error("cannot read the password from standard input: " + read.error());
        }
        stdin_password = std::move(*read);
    }
    // Every connection is a descriptor: a thousand accounts need more than
    // the usual soft limit of 1024.
    async::raise_open_file_limit();
    std::signal(SIGPIPE, SIG_IGN);  // a peer gone away is an error, not a death

    const tls::context_options tls_options = tls_options_for(options);
    uv_loop_t loop;
    uv_loop_init(&loop);
    bool any_failed = false;
    bool job_output_failed = false;
    {
        job_state job(options, operation, &loop, tls_options, many);
        job.passwords = std::move(passwords);
        job.stdin_password = std::move(stdin_password);
        job.progress.total = accounts->size();
        // Not with --trace: its lines would cut through the progress line.
        job.show_progress =
            many && options.progress && !options.trace && isatty(STDERR_FILENO) == 1;
        auto all = [&]() -> async::task<void> {
            // No limit here: job.everyone is the --concurrency limit, taken
            // after the account's server has a slot for it.
            async::async_scope scope;
            job.accounts = &scope;
            for (account& acct : *accounts) {
                scope.spawn(run_account(job, std::move(acct), any_failed));
            }
            co_await scope.join();
            if (!job.output_failed) {  // then the accounts were cancelled on purpose
                scope.rethrow_first_error();
            }
        };
        try {
            async::run(&loop, all());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "uvimap: %s\n", e.what());
            any_failed = true;
        }
        job.clear_progress();
        job_output_failed = job.output_failed;
        if (options.stats) {
            run_totals totals;
            totals.tool = "uvimap";
            totals.accounts = job.progress.total;
            totals.succeeded = job.progress.done;
            totals.failed = job.progress.failed;
            totals.concurrency = options.concurrency;
            totals.bytes_read = job.bytes_read;
            totals.bytes_written = job.bytes_written;
            std::fputs(stats_line(totals, steady_clock::now() - job.started).c_str(), stderr);
        }
    }
    uv_run(&loop, UV_RUN_DEFAULT);  // what closing connections still finish
    uv_loop_close(&loop);
    return any_failed || job_output_failed ? exit_status::failure : exit_status::success;
}

}  // namespace uvimap::app
