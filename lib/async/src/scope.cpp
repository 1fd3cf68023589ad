#include "uvimap/async/scope.hpp"

#include <cstdio>
#include <cstdlib>

#include "uvimap/async/error.hpp"

namespace uvimap::async {

// The frame that runs one child. It starts eagerly and, when the child ends,
// reports to the scope and destroys itself before resuming the joiner, so
// nothing of it is left when the joiner goes on to destroy the scope.
namespace detail {

struct scope_child_promise {
    async_scope* scope = nullptr;
    std::exception_ptr error;

    struct runner {
        using promise_type = scope_child_promise;
    };

    // The coroutine's arguments reach the promise constructor; that is how
    // the runner learns its scope before the child can finish.
    scope_child_promise(async_scope* owner, task<void>&) noexcept : scope(owner) {}

    runner get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { error = std::current_exception(); }

    struct final_awaiter {
        bool await_ready() noexcept { return false; }
        std::coroutine_handle<> await_suspend(
            std::coroutine_handle<scope_child_promise> self) noexcept {
            async_scope* owner = self.promise().scope;
            std::exception_ptr failure = std::move(self.promise().error);
            self.destroy();
            return owner->child_finished(std::move(failure));
        }
        void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
};

}  // namespace detail

namespace {

detail::scope_child_promise::runner run_child(async_scope* /*owner*/, task<void> child) {
    co_await child;
}

}  // namespace

async_scope::async_scope(std::size_t max_concurrency, const cancellation_token& parent)
    : m_max_concurrency(max_concurrency) {
    if (parent.can_be_cancelled()) {
        m_parent_link.emplace(parent, [this] { cancel(); });
    }
}

async_scope::~async_scope() {
    if (!is_idle()) {
        std::fprintf(stderr,
                     "uvimap::async::async_scope destroyed with %zu children still pending; "
                     "co_await scope.join() first\n",
                     pending());
        std::abort();
    }
}

void async_scope::spawn(task<void> child) {
    if (m_source.is_cancelled()) {
        record_error(
            std::make_exception_ptr(error(errc::cancelled, "task spawned into a cancelled scope")));
        return;
    }
    child.set_cancellation_token(m_source.token());
    m_queue.push_back(std::move(child));
    start_queued();
    // Children that all finished inside start_queued() could not wake a
    // joiner from there (see child_finished), so do it now.
    if (is_idle() && m_joiner) {
        std::exchange(m_joiner, {}).resume();
    }
}

void async_scope::start_queued() {
    // Children that finish synchronously re-enter through child_finished();
    // the flag keeps that from recursing, so the loop below does the work.
    if (m_starting) {
        return;
    }
    m_starting = true;
    while (!m_queue.empty() && (m_max_concurrency == 0 || m_running < m_max_concurrency)) {
        task<void> child = std::move(m_queue.front());
        m_queue.pop_front();
        start_child(std::move(child));
    }
    m_starting = false;
}

void async_scope::start_child(task<void> child) {
    ++m_running;
    run_child(this, std::move(child));
}

std::coroutine_handle<> async_scope::child_finished(std::exception_ptr error) noexcept {
    --m_running;
    if (error) {
        record_error(std::move(error));
    }
    if (m_starting) {
        // The start loop further up the stack goes on; spawn() or the last
        // finisher after it wakes the joiner.
        return std::noop_coroutine();
    }
    start_queued();
    if (is_idle() && m_joiner) {
        return std::exchange(m_joiner, {});
    }
    return std::noop_coroutine();
}

bool async_scope::wait_for_children(std::coroutine_handle<> parent,
                                    const cancellation_token* parent_token) {
    // Link to the parent before taking the joiner: if the parent is already
    // cancelled, the link cancels the children right here, they may all
    // finish, and then there is nothing to wait for. Taking the joiner first
    // would have a finishing child resume it inside this await_suspend.
    if (parent_token != nullptr && parent_token->can_be_cancelled()) {
        m_join_link.emplace(*parent_token, [this] { cancel(); });
    }
    if (is_idle()) {
        return false;
    }
    m_joiner = parent;
    return true;
}

void async_scope::cancel() {
    // Queued children never started: drop them before waking anyone, since
    // the wake-up may end in the joiner destroying this scope.
    {
        std::deque<task<void>> dropped = std::move(m_queue);
        m_queue.clear();
        for (std::size_t i = 0; i < dropped.size(); ++i) {
            record_error(std::make_exception_ptr(
                error(errc::cancelled, "task cancelled before it started")));
        }
    }
    m_source.request_cancellation();
}

void async_scope::record_error(std::exception_ptr failure) noexcept {
    if (m_error_handler) {
        try {
            m_error_handler(std::move(failure));
        } catch (...) {
            // Documented: nobody could receive it.
        }
        return;
    }
    if (m_errors.size() >= m_max_kept_errors) {
        ++m_dropped_errors;
        return;
    }
    try {
        m_errors.push_back(std::move(failure));
    } catch (const std::bad_alloc&) {
        ++m_dropped_errors;
    }
}

void async_scope::rethrow_first_error() const {
    if (!m_errors.empty()) {
        std::rethrow_exception(m_errors.front());
    }
}

}  // namespace uvimap::async
