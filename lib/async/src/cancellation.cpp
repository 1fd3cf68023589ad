#include "uvimap/async/cancellation.hpp"

#include <exception>

#include "uvimap/async/error.hpp"

namespace uvimap::async {

namespace detail {

// The registrations form an intrusive list so that registering and
// deregistering never allocate beyond the callback itself.
struct cancellation_state {
    bool cancelled = false;
    cancellation_registration* head = nullptr;
    cancellation_registration* tail = nullptr;

    void link(cancellation_registration& r) {
        r.m_prev = tail;
        r.m_next = nullptr;
        if (tail != nullptr) {
            tail->m_next = &r;
        } else {
            head = &r;
        }
        tail = &r;
        r.m_linked = true;
    }

    void unlink(cancellation_registration& r) {
        if (!r.m_linked) {
            return;
        }
        (r.m_prev != nullptr ? r.m_prev->m_next : head) = r.m_next;
        (r.m_next != nullptr ? r.m_next->m_prev : tail) = r.m_prev;
        r.m_prev = r.m_next = nullptr;
        r.m_linked = false;
    }

    void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        // A callback may destroy other registrations (or its own), so take one
        // at a time from the front instead of walking a list that changes.
        // One that throws must not leave the rest unrun: their operations
        // would wait for ever.
        std::exception_ptr first_failure;
        while (head != nullptr) {
            cancellation_registration& r = *head;
            unlink(r);
            // The callback may resume a coroutine that destroys `r`; run a
            // copy that outlives it.
            std::function<void()> callback = std::move(r.m_callback);
            try {
                callback();
            } catch (...) {
                if (!first_failure) {
                    first_failure = std::current_exception();
                }
            }
        }
        if (first_failure) {
            std::rethrow_exception(first_failure);
        }
    }
};

}  // namespace detail

bool cancellation_token::is_cancelled() const noexcept {
    return m_state != nullptr && m_state->cancelled;
}

void cancellation_token::throw_if_cancelled() const {
    if (is_cancelled()) {
        throw error(errc::cancelled, "operation cancelled");
    }
}

cancellation_source::cancellation_source()
    : m_state(std::make_shared<detail::cancellation_state>()) {}

void cancellation_source::request_cancellation() {
    // Keep the state alive even if a callback destroys this source.
    auto state = m_state;
    state->cancel();
}

bool cancellation_source::is_cancelled() const noexcept {
    return m_state->cancelled;
}

cancellation_registration::cancellation_registration(const cancellation_token& token,
                                                     std::function<void()> callback)
    : m_state(token.m_state), m_callback(std::move(callback)) {
    if (m_state == nullptr) {
        return;
    }
    if (m_state->cancelled) {
        m_callback();
        return;
    }
    m_state->link(*this);
}

cancellation_registration::~cancellation_registration() {
    if (m_state != nullptr) {
        m_state->unlink(*this);
    }
}

}  // namespace uvimap::async
