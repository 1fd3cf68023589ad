#include "uvimap/async/run.hpp"

namespace uvimap::async {

namespace detail {

void run_loop_until(uv_loop_t* loop, const bool& done) {
    while (!done) {
        const int alive = uv_run(loop, UV_RUN_ONCE);
        if (alive == 0 && !done) {
            throw std::logic_error(
                "uvimap::async::run: the loop has no more work but the task has not finished");
        }
    }
    // A handle the task released without awaiting its close (an error path
    // that dropped a stream) is closed in this loop iteration's close phase;
    // one more non-blocking turn runs those callbacks before run() returns.
    uv_run(loop, UV_RUN_NOWAIT);
}

namespace {

detached_task drive_spawned(task<void> task, completion_handler on_done) {
    std::exception_ptr error;
    try {
        co_await task;
    } catch (...) {
        error = std::current_exception();
    }
    on_done(error);
}

}  // namespace
}  // namespace detail

void spawn(task<void> task, completion_handler on_done) {
    if (!on_done) {
        throw std::invalid_argument("uvimap::async::spawn needs a completion handler");
    }
    detail::drive_spawned(std::move(task), std::move(on_done));
}

}  // namespace uvimap::async
