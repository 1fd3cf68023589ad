#include "uvimap/async/cancellation.hpp"

#include "uvimap/async/error.hpp"

namespace uvimap::async {

namespace detail {

// The registrations form an intrusive list so that registering and
// deregistering never allocate beyond the callback itself.
struct CancellationState {
    bool cancelled = false;
    CancellationRegistration* head = nullptr;
    CancellationRegistration* tail = nullptr;

    void link(CancellationRegistration& r) {
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

    void unlink(CancellationRegistration& r) {
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
        while (head != nullptr) {
            CancellationRegistration& r = *head;
            unlink(r);
            // The callback may resume a coroutine that destroys `r`; run a
            // copy that outlives it.
            std::function<void()> callback = std::move(r.m_callback);
            callback();
        }
    }
};

}  // namespace detail

bool CancellationToken::is_cancelled() const noexcept {
    return m_state != nullptr && m_state->cancelled;
}

void CancellationToken::throw_if_cancelled() const {
    if (is_cancelled()) {
        throw Error(ErrorKind::cancelled, "operation cancelled");
    }
}

CancellationSource::CancellationSource() : m_state(std::make_shared<detail::CancellationState>()) {}

void CancellationSource::request_cancellation() {
    // Keep the state alive even if a callback destroys this source.
    auto state = m_state;
    state->cancel();
}

bool CancellationSource::is_cancelled() const noexcept {
    return m_state->cancelled;
}

CancellationRegistration::CancellationRegistration(const CancellationToken& token,
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

CancellationRegistration::~CancellationRegistration() {
    if (m_state != nullptr) {
        m_state->unlink(*this);
    }
}

}  // namespace uvimap::async
