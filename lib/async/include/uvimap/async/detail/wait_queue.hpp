#pragma once
// A FIFO of coroutines waiting for the same thing (an event to be set, a
// mutex to be free), each in its own suspension, so that cancelling one
// waiter takes it out of the queue and leaves the others waiting.

#include "uvimap/async/detail/suspension.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async::detail {

class wait_queue;

// One waiting coroutine; lives in that coroutine's frame.
struct wait_node {
    suspension wake;
    wait_node* prev = nullptr;
    wait_node* next = nullptr;
    wait_queue* queue = nullptr;
};

class wait_queue {
public:
    wait_queue() = default;
    // Aborts with a message if coroutines still wait: they would never be
    // resumed (the owner must wake or cancel them first).
    ~wait_queue();
    wait_queue(const wait_queue&) = delete;
    wait_queue& operator=(const wait_queue&) = delete;

    bool empty() const noexcept { return m_head == nullptr; }

    // Waits in the queue until woken (completed) or until the calling
    // task's token is cancelled, which removes it from the queue.
    task<suspension::outcome> wait();

    // Resumes the first waiter, if any; returns false if there was none.
    bool wake_one();

    // Resumes every waiter that is waiting now, in order. Safe even if a
    // resumed coroutine destroys the queue's owner or cancels another
    // waiter: the waiters are first moved to a list of this call's own.
    void wake_all();

private:
    void push_back(wait_node& node) noexcept;
    void erase(wait_node& node) noexcept;
    wait_node* pop_front() noexcept;

    wait_node* m_head = nullptr;
    wait_node* m_tail = nullptr;
};

}  // namespace uvimap::async::detail
