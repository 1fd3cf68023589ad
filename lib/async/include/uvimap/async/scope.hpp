#pragma once
// async_scope: structured concurrency for tasks.
//
// Children spawned into a scope start at once (or, past the concurrency limit,
// as soon as a running child ends). `co_await scope.join()` waits for all of
// them. A child's exception does not stop its siblings; it is collected (see
// errors() and set_error_handler()). Cancelling the scope cancels every
// child's token and drops the children that have not started yet (each counts
// as a cancelled error). Awaiting join() also links the scope to the awaiting
// task's token, so cancelling the parent cancels the children.
//
// A scope must be joined before it is destroyed while children are still
// running: the children point at it. Destroying it earlier is a programming
// error and aborts the process with a message, in every build type, rather
// than leaving use-after-free behind. Mind the exception paths: code between
// spawn() and join() that can throw (a timeout, a cancelled read) must catch,
// cancel() the scope and still co_await join() before rethrowing. The
// scope's children follow the parent's token only from join() on; pass a
// token to the constructor to link them from the start.
//
// Results: children are task<void>. To collect values from many tasks, use
// when_all() (when_all.hpp), which runs them in a scope of its own.

#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <optional>
#include <vector>

#include "uvimap/async/cancellation.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

namespace detail {
struct scope_child_promise;
}

class async_scope {
public:
    // max_concurrency 0 means no limit. Cancelling `parent` cancels the scope.
    explicit async_scope(std::size_t max_concurrency = 0, const cancellation_token& parent = {});
    ~async_scope();
    async_scope(const async_scope&) = delete;
    async_scope& operator=(const async_scope&) = delete;

    // Starts `child` now, or queues it past the concurrency limit. The child
    // gets the scope's token. Spawning into a cancelled scope records a
    // cancelled error instead.
    void spawn(task<void> child);

    // Completes when no child is running or queued. It never throws: look
    // at errors() afterwards.
    auto join() noexcept { return join_awaiter{*this}; }

    // Cancels the running children and drops the queued ones.
    void cancel();
    cancellation_token token() const { return m_source.token(); }

    // Running plus queued children.
    std::size_t pending() const noexcept { return m_running + m_queue.size(); }
    std::size_t running() const noexcept { return m_running; }

    // Children's errors, oldest first. A long-lived scope (a daemon's) keeps
    // at most max_kept_errors() of them; later ones are only counted in
    // dropped_errors(). With an error handler set, none are kept.
    const std::vector<std::exception_ptr>& errors() const noexcept { return m_errors; }
    std::size_t dropped_errors() const noexcept { return m_dropped_errors; }
    std::size_t max_kept_errors() const noexcept { return m_max_kept_errors; }
    void set_max_kept_errors(std::size_t limit) noexcept { m_max_kept_errors = limit; }
    // Rethrows the first collected error, if any.
    void rethrow_first_error() const;

    // Hands every child's error to `handler` as it happens instead of
    // keeping it. The handler runs on the loop, inside the failing child's
    // completion; it must not throw (an exception from it is dropped, since
    // nobody could receive it) and may spawn into the scope.
    using error_handler = std::function<void(std::exception_ptr)>;
    void set_error_handler(error_handler handler) { m_error_handler = std::move(handler); }

private:
    friend struct detail::scope_child_promise;

    struct join_awaiter {
        async_scope& scope;
        bool await_ready() const noexcept { return scope.is_idle(); }
        template <class Promise>
        bool await_suspend(std::coroutine_handle<Promise> parent) {
            return scope.wait_for_children(parent, detail::token_of(parent));
        }
        void await_resume() const noexcept {}
    };

    bool is_idle() const noexcept { return m_running == 0 && m_queue.empty(); }
    bool wait_for_children(std::coroutine_handle<> parent, const cancellation_token* parent_token);
    void start_queued();
    void start_child(task<void> child);
    std::coroutine_handle<> child_finished(std::exception_ptr error) noexcept;
    void record_error(std::exception_ptr error) noexcept;

    std::size_t m_max_concurrency;
    std::size_t m_running = 0;
    std::deque<task<void>> m_queue;
    std::vector<std::exception_ptr> m_errors;
    std::size_t m_dropped_errors = 0;
    std::size_t m_max_kept_errors = 1000;
    error_handler m_error_handler;
    cancellation_source m_source;
    // Cancels the scope when the token given to the constructor, or the one
    // of the task that awaits join(), is cancelled.
    std::optional<cancellation_registration> m_parent_link;
    std::optional<cancellation_registration> m_join_link;
    std::coroutine_handle<> m_joiner;
    bool m_starting = false;
};

}  // namespace uvimap::async
