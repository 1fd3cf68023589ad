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

namespace uvimap::async::detail {

template <class Handle>
class HandleBox {
public:
    HandleBox() { handle.data = this; }
    virtual ~HandleBox() = default;
    HandleBox(const HandleBox&) = delete;
    HandleBox& operator=(const HandleBox&) = delete;

    Handle handle{};

    uv_handle_t* base() noexcept { return reinterpret_cast<uv_handle_t*>(&handle); }
    static HandleBox* from(void* data) noexcept { return static_cast<HandleBox*>(data); }

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
        uv_close(base(), &HandleBox::on_close);
    }

    // Awaitable: closes the handle and resumes once libuv has let go of it.
    auto close() noexcept {
        struct Awaiter {
            HandleBox& box;
            bool await_ready() const noexcept { return box.m_closed; }
            void await_suspend(std::coroutine_handle<> waiter) noexcept {
                box.m_close_waiter = waiter;
                box.begin_close();
            }
            void await_resume() const noexcept {}
        };
        return Awaiter{*this};
    }

    // The owner is going away: free now if libuv is done, else after close.
    void release() noexcept {
        if (m_closed) {
            delete this;
            return;
        }
        m_orphaned = true;
        begin_close();
    }

private:
    static void on_close(uv_handle_t* raw) noexcept {
        HandleBox* box = from(raw->data);
        box->m_closing = false;
        box->m_closed = true;
        if (box->m_orphaned) {
            delete box;
            return;
        }
        // Nothing may touch the box after this resume: the coroutine may free it.
        if (std::coroutine_handle<> waiter = std::exchange(box->m_close_waiter, {})) {
            waiter.resume();
        }
    }

    std::coroutine_handle<> m_close_waiter;
    bool m_initialized = false;
    bool m_closing = false;
    bool m_closed = false;
    bool m_orphaned = false;
};

// A unique owner of a box: releases it on destruction.
template <class Box>
class BoxOwner {
public:
    BoxOwner() = default;
    explicit BoxOwner(Box* box) noexcept : m_box(box) {}
    BoxOwner(BoxOwner&& other) noexcept : m_box(std::exchange(other.m_box, nullptr)) {}
    BoxOwner& operator=(BoxOwner&& other) noexcept {
        if (this != &other) {
            reset();
            m_box = std::exchange(other.m_box, nullptr);
        }
        return *this;
    }
    ~BoxOwner() { reset(); }

    Box* get() const noexcept { return m_box; }
    Box* operator->() const noexcept { return m_box; }
    explicit operator bool() const noexcept { return m_box != nullptr; }

    void reset() noexcept {
        if (m_box != nullptr) {
            std::exchange(m_box, nullptr)->release();
        }
    }

private:
    Box* m_box = nullptr;
};

}  // namespace uvimap::async::detail
