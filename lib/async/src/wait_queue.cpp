#include "uvimap/async/detail/wait_queue.hpp"

#include <cstdio>
#include <cstdlib>

namespace uvimap::async::detail {

wait_queue::~wait_queue() {
    if (!empty()) {
        std::fputs(
            "uvimap::async: an event, mutex or one-shot value was destroyed while coroutines "
            "still waited on it\n",
            stderr);
        std::abort();
    }
}

void wait_queue::push_back(wait_node& node) noexcept {
    node.queue = this;
    node.prev = m_tail;
    node.next = nullptr;
    (m_tail != nullptr ? m_tail->next : m_head) = &node;
    m_tail = &node;
}

void wait_queue::erase(wait_node& node) noexcept {
    (node.prev != nullptr ? node.prev->next : m_head) = node.next;
    (node.next != nullptr ? node.next->prev : m_tail) = node.prev;
    node.prev = node.next = nullptr;
    node.queue = nullptr;
}

wait_node* wait_queue::pop_front() noexcept {
    wait_node* node = m_head;
    if (node != nullptr) {
        erase(*node);
    }
    return node;
}

task<suspension::outcome> wait_queue::wait() {
    const cancellation_token token = co_await current_cancellation_token();
    wait_node node;
    push_back(node);
    // The node may have moved to wake_all's private list by the time the
    // token fires; it leaves whichever queue holds it.
    const suspension::outcome result = co_await node.wake.wait(token, [&node] {
        if (node.queue != nullptr) {
            node.queue->erase(node);
        }
    });
    if (node.queue != nullptr) {
        node.queue->erase(node);  // cancelled before the wait began
    }
    co_return result;
}

bool wait_queue::wake_one() {
    wait_node* node = pop_front();
    if (node == nullptr) {
        return false;
    }
    node->wake.complete();
    return true;
}

void wait_queue::wake_all() {
    wait_queue woken;
    while (wait_node* node = pop_front()) {
        woken.push_back(*node);
    }
    while (wait_node* node = woken.pop_front()) {
        node->wake.complete();
    }
}

}  // namespace uvimap::async::detail
