#pragma once
// task<T>: the coroutine type of uvimap.
//
// A task is lazy: calling a coroutine that returns task<T> only creates its
// frame; the body starts when the task is awaited (or handed to run(), spawn()
// or a async_scope). A task that completes without suspending returns straight to
// its awaiter, so a long loop of synchronous awaits does not grow the stack;
// one that completes later resumes its awaiter by symmetric transfer. An
// exception escaping the body is rethrown in the awaiter.
//
// Every task carries a cancellation token. Unless one was set explicitly with
// with_cancellation(), a task inherits the token of the task that awaits it,
// so cancelling a scope or a timeout reaches every I/O operation below it.

#include <coroutine>
#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "uvimap/async/cancellation.hpp"

namespace uvimap::async {

template <class T = void>
class [[nodiscard]] task;

namespace detail {

template <class T>
class task_promise;

class promise_base {
public:
    std::suspend_always initial_suspend() const noexcept { return {}; }

    // Ends the task. If the awaiter is still inside its await_suspend (the task
    // ran to the end without ever suspending), control simply returns there;
    // otherwise the awaiter is resumed. Returning to await_suspend instead of
    // resuming keeps the stack flat for loops of synchronous awaits even where
    // the compiler does not turn symmetric transfer into a tail call (g++ at
    // -O0/-O1 and under ASan).
    struct final_awaiter {
        bool await_ready() const noexcept { return false; }
        template <class Promise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
            promise_base& promise = self.promise();
            if (promise.m_awaiter_inline) {
                promise.m_completed_inline = true;
                return std::noop_coroutine();
            }
            std::coroutine_handle<> next = promise.m_continuation;
            return next ? next : std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };
    final_awaiter final_suspend() const noexcept { return {}; }

    const cancellation_token& token() const noexcept { return m_token; }

    // Called when an awaiter starts this task: remember whom to resume and,
    // unless a token was fixed, inherit the awaiter's token.
    void attach(std::coroutine_handle<> continuation, const cancellation_token* parent) noexcept {
        m_continuation = continuation;
        if (!m_token_fixed && parent != nullptr) {
            m_token = *parent;
        }
    }

    void fix_cancellation_token(cancellation_token token) noexcept {
        m_token = std::move(token);
        m_token_fixed = true;
    }

    // Starts the task from the awaiter's await_suspend. Returns true if the
    // task has suspended (the awaiter must suspend too and will be resumed on
    // completion), false if it already completed.
    bool start_from(std::coroutine_handle<> self) noexcept {
        m_awaiter_inline = true;
        self.resume();
        m_awaiter_inline = false;
        return !m_completed_inline;
    }

private:
    std::coroutine_handle<> m_continuation;
    bool m_awaiter_inline = false;
    bool m_completed_inline = false;
    cancellation_token m_token;
    bool m_token_fixed = false;
};

// The token of the coroutine behind `handle`, if it is one of ours.
template <class Promise>
const cancellation_token* token_of(std::coroutine_handle<Promise> handle) noexcept {
    if constexpr (std::is_base_of_v<promise_base, Promise>) {
        return &handle.promise().token();
    } else {
        return nullptr;
    }
}

template <class T>
struct task_awaiter {
    std::coroutine_handle<task_promise<T>> task;
    bool await_ready() const noexcept { return !task || task.done(); }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> awaiter) noexcept {
        task.promise().attach(awaiter, token_of(awaiter));
        return task.promise().start_from(task);
    }
    T await_resume() {
        if (!task) {
            throw std::logic_error("uvimap::async::task: awaiting a task that was moved from");
        }
        return task.promise().take_result();
    }
};

struct current_token_awaiter {
    cancellation_token token;
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> awaiter) noexcept {
        if (const cancellation_token* parent = token_of(awaiter)) {
            token = *parent;
        }
        return false;
    }
    cancellation_token await_resume() noexcept { return std::move(token); }
};

template <class T>
class task_promise final : public promise_base {
public:
    task<T> get_return_object() noexcept;
    void unhandled_exception() noexcept { m_result.template emplace<2>(std::current_exception()); }
    template <class U>
    void return_value(U&& value) {
        m_result.template emplace<1>(std::forward<U>(value));
    }
    T take_result() {
        if (m_result.index() == 2) {
            std::rethrow_exception(std::get<2>(m_result));
        }
        return std::move(std::get<1>(m_result));
    }

private:
    std::variant<std::monostate, T, std::exception_ptr> m_result;
};

template <>
class task_promise<void> final : public promise_base {
public:
    task<void> get_return_object() noexcept;
    void unhandled_exception() noexcept { m_exception = std::current_exception(); }
    void return_void() noexcept {}
    void take_result() {
        if (m_exception) {
            std::rethrow_exception(m_exception);
        }
    }

private:
    std::exception_ptr m_exception;
};

}  // namespace detail

// The handle to one coroutine returning T.
//
// Ownership: a task owns its coroutine frame and destroys it with itself.
// It is move-only; a moved-from task is empty. Awaiting it starts the body
// (once: a task is awaited at most once) and yields its co_return value, or
// rethrows what escaped the body. Destroying a task that was never awaited
// simply frees the frame; destroying one whose body is suspended in the
// middle of an operation is a bug (nothing would ever finish it), which is
// why run(), spawn() and async_scope own running tasks instead.
//
// Cancellation: see the top of this file; the body sees its token through
// current_cancellation_token(), and every I/O operation of the async and tls
// layers fails with errc::cancelled once it fires.
template <class T>
class [[nodiscard]] task {
public:
    using promise_type = detail::task_promise<T>;
    using value_type = T;

    // An empty task (as after a move): awaiting it throws std::logic_error.
    task() noexcept = default;
    // Adopts a coroutine frame; used by the promise, not by callers.
    explicit task(std::coroutine_handle<promise_type> handle) noexcept : m_handle(handle) {}
    task(task&& other) noexcept : m_handle(std::exchange(other.m_handle, {})) {}
    task& operator=(task&& other) noexcept {
        if (this != &other) {
            destroy();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    task(const task&) = delete;
    task& operator=(const task&) = delete;
    ~task() { destroy(); }

    // True if the task holds a coroutine (it was not moved from).
    explicit operator bool() const noexcept { return static_cast<bool>(m_handle); }
    bool is_done() const noexcept { return !m_handle || m_handle.done(); }

    // Gives the task its own cancellation token instead of inheriting the
    // awaiter's. Used by scopes and timeouts; call before the task starts.
    // Throws std::logic_error on an empty task.
    void set_cancellation_token(cancellation_token token) {
        if (!m_handle) {
            throw std::logic_error("uvimap::async::task: the task was moved from");
        }
        m_handle.promise().fix_cancellation_token(std::move(token));
    }

    // Starts the body and suspends the awaiter until it completes. A body
    // that completes without suspending returns straight to the awaiter.
    auto operator co_await() noexcept { return detail::task_awaiter<T>{m_handle}; }

private:
    void destroy() noexcept {
        if (m_handle) {
            m_handle.destroy();
            m_handle = {};
        }
    }

    std::coroutine_handle<promise_type> m_handle;
};

namespace detail {

template <class T>
task<T> task_promise<T>::get_return_object() noexcept {
    return task<T>(std::coroutine_handle<task_promise<T>>::from_promise(*this));
}

inline task<void> task_promise<void>::get_return_object() noexcept {
    return task<void>(std::coroutine_handle<task_promise<void>>::from_promise(*this));
}

}  // namespace detail

// `co_await current_cancellation_token()` yields the running task's token
// without suspending. Operations written as coroutines read it once at the
// start and register for it around each wait; a default token (from a
// coroutine that is not a task) is never cancelled.
inline auto current_cancellation_token() noexcept {
    return detail::current_token_awaiter{};
}

// Runs `task` with `token` added to the cancellation it already inherits:
// the task is cancelled when either `token` or the awaiter's token is, e.g.
//   co_await with_cancellation(source.token(), fetch_all());
// Yields what the task yields and rethrows what it throws; an operation
// inside that was cancelled throws errc::cancelled.
template <class T>
task<T> with_cancellation(cancellation_token token, task<T> task) {
    cancellation_source linked;
    const cancellation_token parent = co_await current_cancellation_token();
    cancellation_registration from_parent(parent, [&linked] { linked.request_cancellation(); });
    cancellation_registration from_token(token, [&linked] { linked.request_cancellation(); });
    task.set_cancellation_token(linked.token());
    co_return co_await task;
}

}  // namespace uvimap::async
