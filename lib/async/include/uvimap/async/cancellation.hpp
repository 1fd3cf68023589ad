#pragma once
// Cooperative cancellation, split as in cppcoro: a source requests it, tokens
// observe it, registrations run a callback when it happens.
//
// Everything here is single-threaded by design: uvimap runs on one libuv loop
// and never touches these objects from another thread, so there are no atomics.
// Callbacks run synchronously inside request_cancellation(); an I/O awaitable
// uses its callback to stop the libuv operation and resume its coroutine with
// ErrorKind::cancelled.

#include <functional>
#include <memory>

namespace uvimap::async {

namespace detail {
struct CancellationState;
}

// Observes one cancellation source. A default-constructed token is never
// cancelled. Tokens are cheap to copy.
class CancellationToken {
public:
    CancellationToken() = default;

    bool can_be_cancelled() const noexcept { return m_state != nullptr; }
    bool is_cancelled() const noexcept;
    // Throws Error(ErrorKind::cancelled) if cancellation was requested.
    void throw_if_cancelled() const;

private:
    friend class CancellationSource;
    friend class CancellationRegistration;
    explicit CancellationToken(std::shared_ptr<detail::CancellationState> state)
        : m_state(std::move(state)) {}

    std::shared_ptr<detail::CancellationState> m_state;
};

class CancellationSource {
public:
    CancellationSource();

    CancellationToken token() const { return CancellationToken(m_state); }
    // Marks the source cancelled and runs every registered callback once, in
    // registration order. Later calls do nothing.
    void request_cancellation();
    bool is_cancelled() const noexcept;

private:
    std::shared_ptr<detail::CancellationState> m_state;
};

// Runs a callback when the token is cancelled, for as long as the registration
// lives. If the token is already cancelled the callback runs at once, inside the
// constructor. Neither copyable nor movable: the source holds its address.
class CancellationRegistration {
public:
    CancellationRegistration(const CancellationToken& token, std::function<void()> callback);
    ~CancellationRegistration();
    CancellationRegistration(const CancellationRegistration&) = delete;
    CancellationRegistration& operator=(const CancellationRegistration&) = delete;

private:
    friend struct detail::CancellationState;
    std::shared_ptr<detail::CancellationState> m_state;
    std::function<void()> m_callback;
    CancellationRegistration* m_prev = nullptr;
    CancellationRegistration* m_next = nullptr;
    bool m_linked = false;
};

}  // namespace uvimap::async
