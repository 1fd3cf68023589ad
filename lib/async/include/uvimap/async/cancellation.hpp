#pragma once
// Cooperative cancellation, split as in cppcoro: a source requests it, tokens
// observe it, registrations run a callback when it happens.
//
// Everything here is single-threaded by design: uvimap runs on one libuv loop
// and never touches these objects from another thread, so there are no
// atomics. Callbacks run synchronously inside request_cancellation(); an I/O
// operation uses its callback to stop the libuv operation and resume its
// coroutine, which then fails with async::errc::cancelled.

#include <functional>
#include <memory>

namespace uvimap::async {

namespace detail {
struct cancellation_state;
}

// Observes one cancellation source. A default-constructed token is never
// cancelled. Tokens are cheap to copy and keep the source's state alive, so
// a token may outlive its source (it then simply stays as it was).
class cancellation_token {
public:
    cancellation_token() = default;

    // False for a default-constructed token, which nothing can cancel.
    bool can_be_cancelled() const noexcept { return m_state != nullptr; }
    bool is_cancelled() const noexcept;
    // Throws uvimap::error(async::errc::cancelled) if cancellation was requested.
    void throw_if_cancelled() const;

private:
    friend class cancellation_source;
    friend class cancellation_registration;
    explicit cancellation_token(std::shared_ptr<detail::cancellation_state> state)
        : m_state(std::move(state)) {}

    std::shared_ptr<detail::cancellation_state> m_state;
};

// Owns one cancellation state. Copies share it: cancelling through any copy
// cancels every token made from them.
class cancellation_source {
public:
    cancellation_source();

    cancellation_token token() const { return cancellation_token(m_state); }

    // Marks the source cancelled and runs every registered callback once, in
    // registration order. Later calls do nothing. Every callback runs, even
    // when one before it throws: the first exception thrown is rethrown once
    // all have run, and any later ones are dropped. The source may be
    // destroyed by a callback.
    void request_cancellation();
    bool is_cancelled() const noexcept;

private:
    std::shared_ptr<detail::cancellation_state> m_state;
};

// Runs a callback when the token is cancelled, for as long as the
// registration lives. If the token is already cancelled, the callback runs at
// once, inside the constructor, and an exception from it leaves the
// constructor. Neither copyable nor movable: the source holds its address.
// The callback may destroy the registration.
class cancellation_registration {
public:
    cancellation_registration(const cancellation_token& token, std::function<void()> callback);
    ~cancellation_registration();
    cancellation_registration(const cancellation_registration&) = delete;
    cancellation_registration& operator=(const cancellation_registration&) = delete;

private:
    friend struct detail::cancellation_state;
    std::shared_ptr<detail::cancellation_state> m_state;
    std::function<void()> m_callback;
    cancellation_registration* m_prev = nullptr;
    cancellation_registration* m_next = nullptr;
    bool m_linked = false;
};

}  // namespace uvimap::async
