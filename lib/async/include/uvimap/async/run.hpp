#pragma once
// Starting tasks: run() for a program's main, spawn() for code that already
// runs inside somebody else's libuv loop.
//
// Neither creates a loop, a thread or any global state: the loop is the
// caller's, and everything a task does happens on it, in the thread that
// runs it. Signals are the caller's too: libuv writes to sockets with
// write(2), so a process that writes to a peer that has gone away gets
// SIGPIPE. Ignore it (signal(SIGPIPE, SIG_IGN)) at start, as the uvimap CLI
// and the test runners do, and such a write is an error value
// (errc::connection_lost) instead of a dead process; see docs/embedding.md.

#include <uv.h>

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

#include "uvimap/async/task.hpp"

namespace uvimap::async {

namespace detail {

// A coroutine that starts at once and frees itself when it ends. It is the
// root of a tree of lazy tasks; its body must catch everything.
struct detached_task {
    struct promise_type {
        detached_task get_return_object() const noexcept { return {}; }
        std::suspend_never initial_suspend() const noexcept { return {}; }
        std::suspend_never final_suspend() const noexcept { return {}; }
        void return_void() const noexcept {}
        void unhandled_exception() const noexcept { std::terminate(); }
    };
};

template <class T>
struct run_outcome {
    std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
    std::exception_ptr error;
    bool done = false;
};

// The outcome is shared with run() so that a driver resumed after run() gave
// up (see run_loop_until) still writes to live memory.
template <class T>
detached_task drive(task<T> task, std::shared_ptr<run_outcome<T>> shared) {
    run_outcome<T>& outcome = *shared;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await task;
            outcome.value.emplace(true);
        } else {
            outcome.value.emplace(co_await task);
        }
    } catch (...) {
        outcome.error = std::current_exception();
    }
    outcome.done = true;
}

// Runs the loop one iteration at a time until `done` is set. Throws
// std::logic_error if the loop runs out of work first, which means the task
// waits for something that can never happen.
void run_loop_until(uv_loop_t* loop, const bool& done);

}  // namespace detail

// Runs `task` on `loop` until it completes and returns its result (or rethrows
// its exception). The loop must not already be running (uv_run is not
// reentrant: never call run() from inside a task). Handles the task opened
// are closed by the time it returns; handles that others keep alive on the
// same loop are left alone and keep the loop alive, so run() stops as soon
// as the task is done rather than when the loop is idle. Throws
// std::logic_error if the loop runs out of work while the task still waits:
// it waits for something that can never happen.
template <class T>
T run(uv_loop_t* loop, task<T> task) {
    auto shared = std::make_shared<detail::run_outcome<T>>();
    detail::run_outcome<T>& outcome = *shared;
    detail::drive(std::move(task), shared);
    detail::run_loop_until(loop, outcome.done);
    if (outcome.error) {
        std::rethrow_exception(outcome.error);
    }
    if constexpr (!std::is_void_v<T>) {
        return std::move(*outcome.value);
    }
}

// Called with nullptr when a spawned task succeeded, or with its exception.
using completion_handler = std::function<void(std::exception_ptr)>;

// Starts `task` now, from plain (non-coroutine) code such as a libuv callback
// of an embedding application. The task runs until its first suspension before
// spawn returns, then continues on the loop its operations use. `on_done` is
// required: an error must go somewhere. Throws std::invalid_argument without one.
//
// on_done runs on the loop, inside whatever libuv callback finished the
// task, where nothing could receive an exception: it must not throw. If it
// does, std::terminate() is called, as for an exception escaping a
// std::thread's function: an error handler that fails is a bug to be seen,
// not an error to be dropped.
void spawn(task<void> task, completion_handler on_done);

}  // namespace uvimap::async
