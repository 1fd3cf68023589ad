#pragma once
// Ownership of libuv handles.
//
// libuv may touch a handle's memory until the close callback has run, which
// can be after its C++ owner is gone. So every handle lives in a heap "box"
// that is freed by whoever comes last: the owner (if the handle was closed
// and the callback ran) or the close callback (if the owner was destroyed
// first and "orphaned" the box). Owners that can await prefer co_await
// close(), which returns only after libuv is done with the memory.

#include <uv.h>

#include <coroutine>
#include <utility>
#include <vector>

#include "uvimap/async/detail/suspension.hpp"

namespace uvimap::async::detail {

template <class Handle>
class handle_box {
public:
    handle_box() { handle.data = this; }
    virtual ~handle_box() = default;
    handle_box(const handle_box&) = delete;
    handle_box& operator=(const handle_box&) = delete;

    Handle handle{};

    uv_handle_t* base() noexcept { return reinterpret_cast<uv_handle_t*>(&handle); }
    static handle_box* from(void* data) noexcept { return static_cast<handle_box*>(data); }

    // Call once the uv_*_init call succeeded; before that there is nothing
    // for libuv to close.
    void mark_initialized() noexcept { m_initialized = true; }
    bool is_closing() const noexcept { return m_closing || m_closed; }

    void begin_close() noexcept {
        if (!m_initialized) {
            m_closed = true;
            return;
        }
        if (m_closing || m_closed) {
            return;
        }
        m_closing = true;
        uv_close(base(), &handle_box::on_close);
    }

    // Awaitable: closes the handle and resumes once libuv has let go of it.
    // Any number of coroutines may wait for the same close.
    auto close() noexcept {
        struct awaiter {
            handle_box& box;
            bool await_ready() const noexcept { return box.m_closed || !box.m_initialized; }
            void await_suspend(std::coroutine_handle<> waiter) {
                box.m_close_waiters.push_back(waiter);
                box.begin_close();
            }
            void await_resume() const noexcept {}
        };
        return awaiter{*this};
    }

    // The owner is going away: free now if libuv is done, else after close.
    void release() noexcept {
        m_orphaned = true;
        begin_close();
        if (m_closed) {
            delete this;
        }
    }

protected:
    // Called once the handle is closed, before anything is resumed: the box
    // hands over the waits still pending on it (a read, an accept), having
    // first stored in each (in the waiter's own frame, never in the box) the
    // result it should see. libuv does not call read or connection callbacks
    // for a closed handle, so without this they would wait for ever.
    virtual void collect_stranded(std::vector<suspension*>& /*stranded*/) noexcept {}

private:
    static void on_close(uv_handle_t* raw) noexcept {
        handle_box* box = from(raw->data);
        box->m_closing = false;
        box->m_closed = true;
        std::vector<suspension*> stranded;
        box->collect_stranded(stranded);
        std::vector<std::coroutine_handle<>> closers = std::move(box->m_close_waiters);
        const bool orphaned = box->m_orphaned;
        // Nothing may touch the box from here on: any coroutine resumed
        // below may free it (its owner's destructor deletes a closed box).
        // An orphaned box has no owner left, so it is ours to free at the
        // end. The stranded operations fail first, then close() returns,
        // so a closer never sees an operation that is still unwinding.
        for (suspension* wait : stranded) {
            wait->complete();
        }
        for (std::coroutine_handle<> closer : closers) {
            closer.resume();
        }
        if (orphaned) {
            delete box;
        }
    }

    std::vector<std::coroutine_handle<>> m_close_waiters;
    bool m_initialized = false;
    bool m_closing = false;
    bool m_closed = false;
    bool m_orphaned = false;
};

}  // namespace uvimap::async::detail
