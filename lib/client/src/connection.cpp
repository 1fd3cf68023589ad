#include "connection.hpp"

#include <algorithm>

#include "uvimap/async/error.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::client::detail {

namespace {

// Reads grow from 4 KiB while they come back full (a big FETCH) up to
// 256 KiB, and shrink back when the connection goes quiet, so an idle
// connection holds little (the parser gives back what it no longer needs).
constexpr std::size_t min_read = 4 * 1024;
constexpr std::size_t max_read = 256 * 1024;

session::session_options session_options_of(const options& opts) {
    session::session_options out = opts.session;
    if (opts.trace) {
        out.trace = [trace = opts.trace](const session::trace_line& line) {
            std::string text(line.from == session::trace_line::direction::client ? "C: " : "S: ");
            text += line.text;
            trace(text);
        };
    }
    return out;
}

std::exception_ptr make_failure(std::error_code code, std::string message) {
    return std::make_exception_ptr(error(code, message));
}

}  // namespace

connection::connection(uv_loop_t* event_loop, std::string server, std::uint16_t server_port,
                       options settings)
    : loop(event_loop),
      host(std::move(server)),
      port(server_port),
      opts(std::move(settings)),
      protocol(session_options_of(opts)) {}

void connection::check_open() const {
    if (failure) {
        std::rethrow_exception(failure);
    }
    if (closing) {
        throw error(errc::closed, "the connection to " + host + " is closed");
    }
}

void connection::wake_writer() {
    output_ready.set();
}

void connection::abort(std::exception_ptr why) {
    if (!failure) {
        failure = std::move(why);
    }
    if (closing) {
        return;
    }
    closing = true;
    std::string reason = "the connection was closed";
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        reason = e.what();
    }
    if (transport) {
        transport->abort(reason);
    }
    wake_writer();
    capabilities_changed.set();  // waiters look again and find it closed
}

void connection::watch_silence(bool activity) {
    if (silence == nullptr) {
        return;
    }
    const bool waiting = protocol.in_flight() > 0 && !(active_idle && active_idle->idling);
    if (!waiting) {
        silence->stop();
    } else if (activity || !silence->armed()) {
        silence->restart(opts.response_timeout);
    }
}

// What each session event does to the connection and its callers.
struct connection::event_handler {
    connection& c;

    void operator()(session::greeting_event& e) const {
        c.greeted = true;
        c.greeting_kind = e.value.status;
        c.greeting_text = std::move(e.value.text);
    }
    void operator()(session::completed_event& e) const {
        const auto found = c.pending.find(e.id);
        if (found == c.pending.end()) {
            return;
        }
        const std::shared_ptr<pending_command> waiting = found->second;
        c.pending.erase(found);
        waiting->idling = false;
        waiting->result.set_value(std::move(e.result));
        waiting->changed.set();
    }
    void operator()(session::fetch_event& e) const {
        const auto found = c.pending.find(e.id);
        if (found == c.pending.end() || !found->second->on_message ||
            found->second->handler_failure) {
            return;
        }
        try {
            found->second->on_message(std::move(e.message));
        } catch (...) {
            found->second->handler_failure = std::current_exception();
        }
    }
    void operator()(session::mailbox_event& e) const {
        if (c.opts.on_mailbox_update) {
            c.opts.on_mailbox_update(e.update);
        }
    }
    void operator()(session::alert_event& e) const {
        if (c.opts.on_alert) {
            c.opts.on_alert(e.text);
        }
    }
    void operator()(session::bye_event&) const {}
    void operator()(session::idling_event& e) const {
        const auto found = c.pending.find(e.id);
        if (found != c.pending.end()) {
            found->second->idling = true;
            found->second->changed.set();
        }
    }
    void operator()(session::capabilities_event&) const { c.capabilities_changed.set(); }
    void operator()(session::failed_event& e) const {
        c.abort(make_failure(errc::protocol_error, c.host + ": " + e.error.message));
    }
};

void connection::dispatch() {
    const std::shared_ptr<connection> self = shared_from_this();  // handlers may drop the client
    while (std::optional<session::event> next = protocol.next_event()) {
        std::visit(event_handler{*this}, *next);
    }
    if (protocol.has_output()) {
        wake_writer();
    }
    watch_silence(false);
}

std::pair<session::command_id, std::shared_ptr<pending_command>> connection::submit(
    wire::command cmd, session::command_options options, message_handler on_message) {
    check_open();
    auto waiting = std::make_shared<pending_command>();
    waiting->on_message = std::move(on_message);
    const session::command_id id = protocol.submit(std::move(cmd), std::move(options));
    pending.emplace(id, waiting);
    // A command behind an IDLE would wait until the IDLE ends: end it now;
    // idle() starts it again once the queue is through.
    if (active_idle) {
        active_idle->changed.set();
    }
    dispatch();
    return {id, waiting};
}

async::task<session::command_result> connection::run(wire::command cmd,
                                                     session::command_options options,
                                                     message_handler on_message) {
    const std::string name(wire::command_name(cmd));
    auto [id, waiting] = submit(std::move(cmd), std::move(options), std::move(on_message));
    bool cancelled = false;
    try {
        session::command_result result = co_await waiting->result.take();
        if (waiting->handler_failure) {
            std::rethrow_exception(waiting->handler_failure);
        }
        co_return result;
    } catch (const error& e) {
        if (e.code() != async::errc::cancelled || pending.count(id) == 0) {
            throw;
        }
        cancelled = true;
    }
    // Given up while in flight or queued: the session drops it or lets it
    // finish in the background; either way the connection stays in step.
    pending.erase(id);
    protocol.cancel(id);
    dispatch();
    if (cancelled) {
        throw error(async::errc::cancelled,
                    name + " cancelled; the connection to " + host +
                        " stays open and the server's answer will be dropped");
    }
    co_return session::command_result{};
}

std::exception_ptr connection::failure_of(const session::command_result& result,
                                          std::string_view command, bool login) const {
    using status = session::command_result::status;
    switch (result.outcome) {
        case status::ok:
            return nullptr;
        case status::no:
            return std::make_exception_ptr(
                command_error(login ? errc::authentication_failed : errc::no, std::string(command),
                              result.code, result.text));
        case status::bad:
            return std::make_exception_ptr(
                command_error(errc::bad, std::string(command), result.code, result.text));
        case status::failed:
            break;
    }
    const session::session_error problem =
        result.error.value_or(session::session_error{session::session_error::kind::not_sent, ""});
    using kind = session::session_error::kind;
    switch (problem.what) {
        case kind::protocol_error:
            return make_failure(errc::protocol_error,
                                std::string(command) + ": " + problem.message);
        case kind::bye:
            return make_failure(errc::bye, host + ": " + problem.message);
        case kind::cancelled:
            return make_failure(async::errc::cancelled, std::string(command) + " cancelled");
        case kind::connection_lost:
        case kind::not_sent:
            if (failure) {
                return failure;
            }
            return make_failure(problem.what == kind::not_sent ? std::error_code(errc::closed)
                                                               : async::errc::connection_lost,
                                std::string(command) + ": " + problem.message);
    }
    return make_failure(errc::protocol_error, std::string(command));
}

async::task<void> connection::flush() {
    std::string bytes = protocol.take_output();
    if (!bytes.empty()) {
        traffic.sent += bytes.size();
        co_await transport->write(bytes);
    }
}

async::task<void> connection::read_once() {
    const std::span<char> space = protocol.prepare(read_size);
    const std::size_t count = co_await transport->read_into(space);
    if (count == 0) {
        throw error(async::errc::connection_lost, host + " closed the connection");
    }
    protocol.commit(count);
    traffic.received += count;
    // Full reads double the next one, short ones halve it.
    if (count == space.size()) {
        read_size = std::min(read_size * 2, max_read);
    } else if (count < space.size() / 2) {
        read_size = std::max(read_size / 2, min_read);
    }
}

async::task<void> connection::greet() {
    while (!greeted) {
        co_await read_once();
        dispatch();
        check_open();
    }
    if (greeting_kind == session::greeting::kind::bye) {
        throw error(errc::bye, host + " refused the session: " + greeting_text);
    }
    if (opts.mode != security::starttls) {
        co_return;
    }
    if (protocol.capabilities_known() && !protocol.capabilities().has("STARTTLS")) {
        throw error(errc::unsupported, host + " does not offer STARTTLS");
    }
    auto [id, waiting] = submit(wire::starttls_command{});
    co_await flush();
    while (!waiting->result.is_ready()) {
        co_await read_once();
        dispatch();
    }
    const session::command_result result = co_await waiting->result.take();
    if (!result.ok()) {
        if (result.outcome == session::command_result::status::failed) {
            std::rethrow_exception(failure_of(result, "STARTTLS", false));
        }
        throw error(errc::unsupported, host + " refused STARTTLS: " + result.text);
    }
    // The session checked that nothing came after the OK; the plain stream
    // goes to TLS as it is, and nothing read in clear is ever used.
    transport = std::make_unique<tls::tls_stream>(
        co_await tls::tls_stream::handshake(std::move(transport), *opts.tls, host, port));
    secure = true;
    protocol.transport_secured();
}

async::task<void> connection::read_loop() {
    try {
        while (!closing) {
            co_await read_once();
            watch_silence(true);
            dispatch();
        }
    } catch (...) {
        if (!failure) {
            failure = std::current_exception();  // the transport's own error
        }
    }
    closing = true;
    std::string message = "the connection ended";
    try {
        if (failure) {
            std::rethrow_exception(failure);
        }
    } catch (const std::exception& e) {
        message = e.what();
    }
    protocol.connection_lost({session::session_error::kind::connection_lost, message});
    dispatch();
    wake_writer();
}

async::task<void> connection::write_loop() {
    try {
        while (true) {
            co_await output_ready.wait();
            output_ready.reset();
            if (closing) {
                break;
            }
            co_await flush();
            watch_silence(false);
        }
    } catch (...) {
        abort(std::current_exception());
    }
}

async::task<void> connection::run_background(std::shared_ptr<connection> self) {
    async::deadline_timer silence(self->loop, self->opts.response_timeout, [raw = self.get()] {
        raw->abort(make_failure(async::errc::timed_out,
                                raw->host + " sent nothing for " +
                                    std::to_string(raw->opts.response_timeout.count()) +
                                    " ms while commands waited"));
    });
    silence.stop();
    self->silence = &silence;
    self->watch_silence(false);
    async::async_scope tasks;
    tasks.spawn(self->read_loop());
    tasks.spawn(self->write_loop());
    co_await tasks.join();
    self->silence = nullptr;
    try {
        co_await silence.close();
    } catch (...) {
        // The callback does not throw; nothing to report.
    }
    co_await self->transport->close();
    self->finished.set();
}

}  // namespace uvimap::client::detail
