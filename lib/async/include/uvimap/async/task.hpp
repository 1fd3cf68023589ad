#pragma once
// Task<T>: the coroutine type of uvimap.
//
// A task is lazy: calling a coroutine that returns Task<T> only creates its
// frame; the body starts when the task is awaited (or handed to run(), spawn()
// or a Scope). A task that completes without suspending returns straight to
// its awaiter, so a long loop of synchronous awaits does not grow the stack;
// one that completes later resumes its awaiter by symmetric transfer. An
// exception escaping the body is rethrown in the awaiter.
//
// Every task carries a cancellation token. Unless one was set explicitly with
// with_cancellation(), a task inherits the token of the task that awaits it,
// so cancelling a scope or a timeout reaches every I/O operation below it.

#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>
#include <variant>

#include "uvimap/async/cancellation.hpp"

namespace uvimap::async {

template <class T = void>
class [[nodiscard]] Task;

namespace detail {

template <class T>
class Promise;

class PromiseBase {
public:
    std::suspend_always initial_suspend() const noexcept { return {}; }

    // Ends the task. If the awaiter is still inside its await_suspend (the task
    // ran to the end without ever suspending), control simply returns there;
    // otherwise the awaiter is resumed. Returning to await_suspend instead of
    // resuming keeps the stack flat for loops of synchronous awaits even where
    // the compiler does not turn symmetric transfer into a tail call (g++ at
    // -O0/-O1 and under ASan).
    struct FinalAwaiter {
        bool await_ready() const noexcept { return false; }
        template <class Promise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
            PromiseBase& promise = self.promise();
            if (promise.m_awaiter_inline) {
                promise.m_completed_inline = true;
                return std::noop_coroutine();
            }
            std::coroutine_handle<> next = promise.m_continuation;
            return next ? next : std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };
    FinalAwaiter final_suspend() const noexcept { return {}; }

    const CancellationToken& cancellation_token() const noexcept { return m_token; }

    // Called when an awaiter starts this task: remember whom to resume and,
    // unless a token was fixed, inherit the awaiter's token.
    void attach(std::coroutine_handle<> continuation, const CancellationToken* parent) noexcept {
        m_continuation = continuation;
        if (!m_token_fixed && parent != nullptr) {
            m_token = *parent;
        }
    }

    void fix_cancellation_token(CancellationToken token) noexcept {
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
    CancellationToken m_token;
    bool m_token_fixed = false;
};

// The token of the coroutine behind `handle`, if it is one of ours.
template <class Promise>
const CancellationToken* token_of(std::coroutine_handle<Promise> handle) noexcept {
    if constexpr (std::is_base_of_v<PromiseBase, Promise>) {
        return &handle.promise().cancellation_token();
    } else {
        return nullptr;
    }
}

template <class T>
struct TaskAwaiter {
    std::coroutine_handle<Promise<T>> task;
    bool await_ready() const noexcept { return !task || task.done(); }
    template <class AwaitingPromise>
    bool await_suspend(std::coroutine_handle<AwaitingPromise> awaiter) noexcept {
        task.promise().attach(awaiter, token_of(awaiter));
        return task.promise().start_from(task);
    }
    T await_resume() { return task.promise().take_result(); }
};

struct CurrentTokenAwaiter {
    CancellationToken token;
    bool await_ready() const noexcept { return false; }
    template <class AwaitingPromise>
    bool await_suspend(std::coroutine_handle<AwaitingPromise> awaiter) noexcept {
        if (const CancellationToken* parent = token_of(awaiter)) {
            token = *parent;
        }
        return false;
    }
    CancellationToken await_resume() noexcept { return std::move(token); }
};

template <class T>
class Promise final : public PromiseBase {
public:
    Task<T> get_return_object() noexcept;
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
class Promise<void> final : public PromiseBase {
public:
    Task<void> get_return_object() noexcept;
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

template <class T>
class [[nodiscard]] Task {
public:
    using promise_type = detail::Promise<T>;
    using value_type = T;

    Task() noexcept = default;
    explicit Task(std::coroutine_handle<promise_type> handle) noexcept : m_handle(handle) {}
    Task(Task&& other) noexcept : m_handle(std::exchange(other.m_handle, {})) {}
    Task& operator=(Task&& other) noexcept {
        if (this != &other) {
            destroy();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;
    ~Task() { destroy(); }

    // True if the task holds a coroutine (it was not moved from).
    explicit operator bool() const noexcept { return static_cast<bool>(m_handle); }
    bool is_done() const noexcept { return !m_handle || m_handle.done(); }

    // Gives the task its own cancellation token instead of inheriting the
    // awaiter's. Used by scopes and timeouts.
    void set_cancellation_token(CancellationToken token) noexcept {
        m_handle.promise().fix_cancellation_token(std::move(token));
    }

    auto operator co_await() noexcept { return detail::TaskAwaiter<T>{m_handle}; }

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
Task<T> Promise<T>::get_return_object() noexcept {
    return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}

inline Task<void> Promise<void>::get_return_object() noexcept {
    return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}

}  // namespace detail

// `co_await current_cancellation_token()` yields the running task's token
// without suspending.
inline auto current_cancellation_token() noexcept {
    return detail::CurrentTokenAwaiter{};
}

// Runs `task` with `token` added to the cancellation it already inherits:
// the task is cancelled when either `token` or the awaiter's token is, e.g.
//   co_await with_cancellation(source.token(), fetch_all());
template <class T>
Task<T> with_cancellation(CancellationToken token, Task<T> task) {
    CancellationSource linked;
    const CancellationToken parent = co_await current_cancellation_token();
    CancellationRegistration from_parent(parent, [&linked] { linked.request_cancellation(); });
    CancellationRegistration from_token(token, [&linked] { linked.request_cancellation(); });
    task.set_cancellation_token(linked.token());
    co_return co_await task;
}

}  // namespace uvimap::async
