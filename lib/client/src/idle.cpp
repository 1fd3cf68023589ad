// IDLE that stays alive: restarted before the server drops it, a dead peer
// noticed when it does not answer DONE, NOOP polling for servers without it.

#include "connection.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/timer.hpp"

namespace uvimap::client {

namespace {

// Waits until `event` is set, or `limit` passes (returns false then).
async::task<bool> wait_at_most(uv_loop_t* loop, async::async_event& event,
                               std::chrono::milliseconds limit) {
    try {
        co_await async::with_timeout(loop, limit, event.wait());
        co_return true;
    } catch (const error& e) {
        if (e.code() != async::errc::timed_out) {
            throw;
        }
    }
    co_return false;
}

// The same, deaf to the caller's cancellation: for finishing cleanly what a
// cancellation started.
async::task<bool> wait_regardless(uv_loop_t* loop, async::async_event& event,
                                  std::chrono::milliseconds limit) {
    async::task<bool> wait = wait_at_most(loop, event, limit);
    wait.set_cancellation_token(async::cancellation_token());
    co_return co_await wait;
}

}  // namespace

async::task<void> client::idle(idle_options how) {
    const std::shared_ptr<detail::connection> keep = shared();
    detail::connection& c = *keep;
    const wire::capability_set caps = co_await detail::capabilities_of(keep);
    if (!caps.has("IDLE")) {
        // No IDLE: ask with NOOP now and then; changes come the same way.
        while (!how.stop.is_cancelled()) {
            async::async_event stopped;
            async::cancellation_registration on_stop(how.stop, [&stopped] { stopped.set(); });
            // Never co_await inside a condition: g++ 12 mis-compiles it.
            const bool stop_now = co_await wait_at_most(c.loop, stopped, how.poll_interval);
            if (stop_now) {
                break;
            }
            wire::command command = wire::noop_command{};
            session::command_options options;
            session::command_result result = co_await async::with_timeout(
                c.loop, how.response_timeout, c.run(std::move(command), std::move(options)));
            if (std::exception_ptr failure = c.failure_of(result, "NOOP", false)) {
                std::rethrow_exception(failure);
            }
        }
        co_return;
    }
    while (!how.stop.is_cancelled()) {
        auto [id, waiting] = c.submit(wire::idle_command{});
        c.active_idle = waiting;
        std::exception_ptr cancelled;
        try {
            // Until the server says `+` (or refuses).
            co_await waiting->changed.wait();
            waiting->changed.reset();
            if (!waiting->result.is_ready()) {
                // Idling: until stopped, due for a restart, or another
                // command wants the connection (submit() sets `changed`).
                async::cancellation_registration on_stop(how.stop,
                                                         [waiting] { waiting->changed.set(); });
                co_await wait_at_most(c.loop, waiting->changed, how.restart_after);
            }
        } catch (const error& e) {
            if (e.code() != async::errc::cancelled) {
                c.active_idle.reset();
                throw;
            }
            cancelled = std::current_exception();
        }
        c.active_idle.reset();
        if (!waiting->result.is_ready()) {
            c.protocol.end_idle(id);
            c.dispatch();
            waiting->changed.reset();
            const bool answered =
                co_await wait_regardless(c.loop, waiting->changed, how.response_timeout);
            if (!answered && !waiting->result.is_ready()) {
                c.abort(std::make_exception_ptr(
                    error(async::errc::timed_out, c.host + " did not answer DONE within " +
                                                      std::to_string(how.response_timeout.count()) +
                                                      " ms: the peer is gone")));
            }
        }
        if (waiting->result.is_ready()) {
            session::command_result result = co_await waiting->result.take();
            if (std::exception_ptr failure = c.failure_of(result, "IDLE", false)) {
                std::rethrow_exception(failure);
            }
        } else {
            c.check_open();
        }
        if (cancelled) {
            std::rethrow_exception(cancelled);
        }
    }
}

}  // namespace uvimap::client
