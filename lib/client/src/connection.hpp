// The machinery behind a client: one transport, one session, a reader task
// that feeds the session and completes commands, a writer task that sends
// what the session releases, and the deadline for a silent server. Private.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <unordered_map>

#include "uvimap/async/event.hpp"
#include "uvimap/async/oneshot.hpp"
#include "uvimap/async/stream.hpp"
#include "uvimap/async/timer.hpp"
#include "uvimap/client/client.hpp"
#include "uvimap/session/session.hpp"

namespace uvimap::client::detail {

// A command some caller waits for.
struct pending_command {
    async::oneshot<session::command_result> result;
    message_handler on_message;
    std::exception_ptr handler_failure;
    // Set when the command completes or (IDLE) when the server says `+`.
    async::async_event changed;
    bool idling = false;
};

struct connection : std::enable_shared_from_this<connection> {
    connection(uv_loop_t* loop, std::string host, std::uint16_t port, options opts);

    uv_loop_t* loop;
    std::string host;
    std::uint16_t port;
    options opts;
    std::unique_ptr<async::byte_stream> transport;
    bool secure = false;
    session::session protocol;
    std::unordered_map<session::command_id, std::shared_ptr<pending_command>> pending;
    std::string greeting_text;
    bool greeted = false;
    session::greeting::kind greeting_kind = session::greeting::kind::ok;
    // Why the connection ended, once it has (the transport's error, a
    // protocol error, a timeout, close()).
    std::exception_ptr failure;
    bool closing = false;
    bool started = false;
    async::async_event output_ready;
    // Set whenever the session learns the capabilities.
    async::async_event capabilities_changed;
    async::async_event finished;
    // While the background runs: the deadline for a silent server.
    async::deadline_timer* silence = nullptr;
    // The IDLE in progress, if any; a new command ends it.
    std::shared_ptr<pending_command> active_idle;
    std::size_t read_size = 4096;
    traffic_counts traffic;

    // Submits a command and waits for its result; cancelling the caller
    // cancels the command (see session::cancel).
    async::task<session::command_result> run(wire::command cmd,
                                             session::command_options options = {},
                                             message_handler on_message = {});
    // Submits without waiting (IDLE needs the pending command itself).
    std::pair<session::command_id, std::shared_ptr<pending_command>> submit(
        wire::command cmd, session::command_options options = {}, message_handler on_message = {});

    // Handles every event the session has ready; wakes the writer when
    // there is output.
    void dispatch();
    void wake_writer();
    // Ends the connection now: pending reads and writes fail, every command
    // fails, `why` becomes the connection's failure.
    void abort(std::exception_ptr why);
    // Throws if the connection has ended.
    void check_open() const;
    // Arms, restarts or stops the deadline for a silent server.
    void watch_silence(bool activity);

    // Before the background starts: greeting, then STARTTLS if asked.
    async::task<void> greet();
    async::task<void> flush();
    async::task<void> read_once();

    // The background: reader and writer, then closing the transport.
    static async::task<void> run_background(std::shared_ptr<connection> self);
    async::task<void> read_loop();
    async::task<void> write_loop();

    struct event_handler;

    // The exception for a command that ended with `result` (nullptr for OK).
    std::exception_ptr failure_of(const session::command_result& result, std::string_view command,
                                  bool login) const;
};

// What the client's methods share (each holds the connection, never the
// client): capabilities, asked for when unknown; closing.
async::task<wire::capability_set> capabilities_of(std::shared_ptr<connection> c);
async::task<void> close_connection(std::shared_ptr<connection> c);

}  // namespace uvimap::client::detail
