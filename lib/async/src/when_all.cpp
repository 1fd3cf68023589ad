#include "uvimap/async/when_all.hpp"

namespace uvimap::async {

task<void> when_all(std::vector<task<void>> tasks, std::size_t max_concurrency) {
    async_scope scope(max_concurrency, co_await current_cancellation_token());
    for (task<void>& work : tasks) {
        scope.spawn(std::move(work));
    }
    co_await scope.join();
    scope.rethrow_first_error();
}

}  // namespace uvimap::async
