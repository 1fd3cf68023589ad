#pragma once
// async_mutex: mutual exclusion between coroutines on one loop.
//
// Many tasks writing one stream take turns through it, in the order they
// asked: lock() is first come, first served. No thread is ever blocked;
// waiting suspends the coroutine.

#include <utility>

#include "uvimap/async/detail/wait_queue.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

class async_mutex {
public:
    // Holds the lock and releases it when destroyed (or on unlock()). Move
    // it to hand the lock to another scope; an empty guard holds nothing.
    // The mutex must outlive it.
    class [[nodiscard]] guard {
    public:
        guard() noexcept = default;
        explicit guard(async_mutex& mutex) noexcept : m_mutex(&mutex) {}
        guard(guard&& other) noexcept : m_mutex(std::exchange(other.m_mutex, nullptr)) {}
        guard& operator=(guard&& other) noexcept {
            if (this != &other) {
                unlock();
                m_mutex = std::exchange(other.m_mutex, nullptr);
            }
            return *this;
        }
        ~guard() { unlock(); }

        bool owns_lock() const noexcept { return m_mutex != nullptr; }
        void unlock() noexcept {
            if (async_mutex* mutex = std::exchange(m_mutex, nullptr)) {
                mutex->unlock();
            }
        }

    private:
        async_mutex* m_mutex = nullptr;
    };

    async_mutex() = default;
    // Destroying a mutex that coroutines wait on aborts with a message.
    ~async_mutex() = default;
    async_mutex(const async_mutex&) = delete;
    async_mutex& operator=(const async_mutex&) = delete;

    bool is_locked() const noexcept { return m_locked; }

    // Completes once this task holds the lock. Cancelling a waiting task
    // takes it out of the line with async::errc::cancelled; the others keep
    // their places.
    task<guard> lock();
    // Takes the lock if it is free; never waits.
    bool try_lock() noexcept;
    // Hands the lock to the first waiter (resuming it before returning) or
    // frees it. Prefer the guard.
    void unlock() noexcept;

private:
    bool m_locked = false;
    detail::wait_queue m_waiters;
};

}  // namespace uvimap::async
