#include "password_command.hpp"

#include <csignal>
#include <cstring>
#include <exception>
#include <memory>
#include <string_view>
#include <vector>

#include "cli_error.hpp"
#include "uvimap/async/detail/suspension.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/timer.hpp"

extern char** environ;

namespace uvimap::app {

namespace {

using async::detail::suspension;

constexpr std::string_view env_prefix = "UVIMAP_ACCOUNT_";

// uvimap's environment without UVIMAP_ACCOUNT_* (a parent uvimap's, say),
// plus this account's.
std::vector<std::string> child_environment(const account& a) {
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::string_view(*entry).substr(0, env_prefix.size()) != env_prefix)
            env.emplace_back(*entry);
    }
    env.push_back("UVIMAP_ACCOUNT_URL=" + a.url);
    env.push_back("UVIMAP_ACCOUNT_USER=" + a.user);
    env.push_back("UVIMAP_ACCOUNT_HOST=" + a.host);
    env.push_back("UVIMAP_ACCOUNT_PORT=" + std::to_string(a.port));
    return env;
}

// The child and its stdout pipe. Lives on the heap so that libuv's
// callbacks have stable memory; the coroutine that made it frees it only
// after both handles' close callbacks ran.
struct child_process {
    explicit child_process(std::size_t limit) : max_output(limit) {
        process.data = this;
        out.data = this;
    }

    uv_process_t process{};
    uv_pipe_t out{};
    bool pipe_open = false;
    // True once uv_spawn was called, whatever it returned: on Unix it
    // initialises the handle first, so the handle must be closed either way.
    bool process_open = false;
    bool running = false;  // spawned and not yet exited: only then may it be killed

    std::size_t max_output;
    std::string output;
    bool output_too_long = false;
    bool end_of_output = false;
    bool exited = false;
    bool killed = false;  // by us: no need to wait for the end of output
    std::int64_t exit_status = 0;
    int term_signal = 0;
    char buffer[4096];

    suspension finished;  // exited, and output ended (or we killed it)
    suspension reaped;    // exited
    suspension closed;    // both handles closed
    int open_handles = 0;

    void kill() noexcept {
        killed = true;
        if (pipe_open)
            uv_read_stop(reinterpret_cast<uv_stream_t*>(&out));
        // Never without a running child: uv_process_kill on a handle that
        // did not spawn would signal pid 0, our own process group.
        if (running)
            uv_process_kill(&process, SIGKILL);
    }

    void check_finished() noexcept {
        if (exited && (end_of_output || killed))
            finished.complete();
    }

    void close() {
        auto on_close = [](uv_handle_t* handle) {
            auto* self = static_cast<child_process*>(handle->data);
            // The last touch of `self`: complete() may resume a coroutine
            // that frees it.
            if (--self->open_handles == 0)
                self->closed.complete();
        };
        if (pipe_open) {
            ++open_handles;
            uv_close(reinterpret_cast<uv_handle_t*>(&out), on_close);
        }
        if (process_open) {
            ++open_handles;
            uv_close(reinterpret_cast<uv_handle_t*>(&process), on_close);
        }
        if (open_handles == 0)
            closed.complete();
    }
};

void on_exit(uv_process_t* process, std::int64_t exit_status, int term_signal) {
    auto* child = static_cast<child_process*>(process->data);
    child->running = false;
    child->exited = true;
    child->exit_status = exit_status;
    child->term_signal = term_signal;
    child->reaped.complete();
    child->check_finished();
}

void on_alloc(uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
    auto* child = static_cast<child_process*>(handle->data);
    *buf = uv_buf_init(child->buffer, sizeof child->buffer);
}

void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
    auto* child = static_cast<child_process*>(stream->data);
    if (nread > 0) {
        if (child->output.size() + static_cast<std::size_t>(nread) > child->max_output) {
            child->output_too_long = true;
            child->kill();
        } else {
            child->output.append(buf->base, static_cast<std::size_t>(nread));
        }
    } else if (nread < 0) {
        // UV_EOF, or a read error, which ends the output as well.
        uv_read_stop(stream);
        child->end_of_output = true;
    }
    child->check_finished();
}

// Starts the child; throws password_command_not_started.
void spawn(uv_loop_t* loop, child_process& child, const std::string& command, const account& a) {
    int status = uv_pipe_init(loop, &child.out, 0);
    if (status != 0)
        throw async::uv_error(async::errc::io_error, "password command: pipe", status);
    child.pipe_open = true;

    std::vector<std::string> env_strings = child_environment(a);
    std::vector<char*> env;
    for (std::string& s : env_strings)
        env.push_back(s.data());
    env.push_back(nullptr);
    std::string shell = "/bin/sh";
    std::string dash_c = "-c";
    std::string command_copy = command;
    char* args[] = {shell.data(), dash_c.data(), command_copy.data(), nullptr};

    uv_stdio_container_t stdio[3];
    stdio[0].flags = UV_IGNORE;  // libuv opens /dev/null for it
    stdio[1].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_WRITABLE_PIPE);
    stdio[1].data.stream = reinterpret_cast<uv_stream_t*>(&child.out);
    stdio[2].flags = UV_INHERIT_FD;
    stdio[2].data.fd = 2;

    uv_process_options_t options{};
    options.exit_cb = on_exit;
    options.file = shell.c_str();
    options.args = args;
    options.env = env.data();
    options.stdio_count = 3;
    options.stdio = stdio;

    child.process_open = true;
    status = uv_spawn(loop, &child.process, &options);
    if (status != 0) {
        throw error(
            errc::password_command_not_started,
            std::string("cannot start the password command with /bin/sh: ") + uv_strerror(status),
            status);
    }
    child.running = true;
    status = uv_read_start(reinterpret_cast<uv_stream_t*>(&child.out), on_alloc, on_read);
    if (status != 0) {
        child.kill();
        throw async::uv_error(async::errc::io_error, "password command: read", status);
    }
}

// What the finished command's exit and output amount to.
wire::secret password_from(child_process& child) {
    if (child.output_too_long) {
        throw error(errc::password_command_output_too_long,
                    "the password command printed more than " + std::to_string(child.max_output) +
                        " bytes");
    }
    if (child.term_signal != 0) {
        const char* name = sigabbrev_np(child.term_signal);
        throw error(errc::password_command_killed,
                    std::string("the password command was killed by SIG") +
                        (name != nullptr ? name : std::to_string(child.term_signal).c_str()));
    }
    if (child.exit_status != 0) {
        throw error(errc::password_command_failed,
                    "the password command exited with status " + std::to_string(child.exit_status));
    }
    // As a secret the whole output is wiped when it goes.
    const wire::secret output(std::move(child.output));
    std::string_view first_line = output.expose().substr(0, output.expose().find('\n'));
    if (!first_line.empty() && first_line.back() == '\r')
        first_line.remove_suffix(1);
    wire::secret password{std::string(first_line)};
    if (password.empty())
        throw error(errc::password_command_no_output, "the password command printed no password");
    return password;
}

async::task<wire::secret> run_child(uv_loop_t* loop, std::string command, account a,
                                    std::size_t max_output) {
    const async::cancellation_token token = co_await async::current_cancellation_token();
    token.throw_if_cancelled();
    auto* child = new child_process(max_output);
    std::exception_ptr failure;
    bool cancelled = false;
    try {
        spawn(loop, *child, command, a);
        const auto outcome = co_await child->finished.wait(token, [child] { child->kill(); });
        cancelled = outcome == suspension::outcome::cancelled;
    } catch (...) {
        failure = std::current_exception();
    }
    // However it ended, the child is reaped and both handles are closed
    // before the memory goes.
    const async::cancellation_token never;  // cleaning up cannot be cancelled
    if (child->running)
        co_await child->reaped.wait(never);
    child->close();
    co_await child->closed.wait(never);
    std::unique_ptr<child_process> owned(child);
    if (failure)
        std::rethrow_exception(failure);
    if (cancelled)
        throw error(async::errc::cancelled, "the password command was cancelled");
    co_return password_from(*owned);
}

}  // namespace

async::task<wire::secret> run_password_command(uv_loop_t* loop, std::string command,
                                               account account, password_command_options options) {
    try {
        co_return co_await async::with_timeout(
            loop, options.timeout,
            run_child(loop, std::move(command), std::move(account), options.max_output));
    } catch (const error& e) {
        if (e.code() != async::errc::timed_out)
            throw;
    }
    throw error(errc::password_command_timed_out, "the password command did not finish within " +
                                                      std::to_string(options.timeout.count()) +
                                                      " ms and was killed");
}

}  // namespace uvimap::app
