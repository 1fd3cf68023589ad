#pragma once
// when_all: run many tasks at once and collect their results.

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "uvimap/async/scope.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::async {

namespace detail {

// Runs one task of when_all and puts its value in its slot.
template <class T>
task<void> store_result(task<T> work, std::optional<T>& slot) {
    slot.emplace(co_await std::move(work));
}

}  // namespace detail

// Runs every task concurrently, at most `max_concurrency` at once (0: no
// limit), and completes when all have finished, with their results in the
// order of `tasks`. If any failed, the first failure (in the order they
// happened) is rethrown once all have finished; the others' errors are
// dropped. Cancelling the awaiting task cancels them all.
template <class T>
task<std::vector<T>> when_all(std::vector<task<T>> tasks, std::size_t max_concurrency = 0) {
    std::vector<std::optional<T>> slots(tasks.size());
    async_scope scope(max_concurrency, co_await current_cancellation_token());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        scope.spawn(detail::store_result(std::move(tasks[i]), slots[i]));
    }
    co_await scope.join();
    scope.rethrow_first_error();
    std::vector<T> results;
    results.reserve(slots.size());
    for (std::optional<T>& slot : slots) {
        results.push_back(std::move(*slot));
    }
    co_return results;
}

// The same for tasks without a result.
task<void> when_all(std::vector<task<void>> tasks, std::size_t max_concurrency = 0);

}  // namespace uvimap::async
