// The progress line on standard error while many accounts run:
//
//   [1234/5000] 1200 done, 34 failed, 64 in flight, 85.2 accounts/s, 0:14
//
// It starts with "\r" and ends with ESC [ K (erase to the end of the line),
// so each one overwrites the last on the same line. The CLI shows it only
// when standard error is a terminal, redraws it at most a few times a
// second (redraw_limiter), and erases it with clear_progress_line() before
// it prints anything else to standard error, and at the end.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace uvimap::app {

struct progress_counts {
    std::size_t done = 0;       // finished successfully
    std::size_t failed = 0;     // finished with an error
    std::size_t in_flight = 0;  // started, not finished
    std::size_t total = 0;      // all accounts of the run
};

// The line for `counts` after `elapsed`; the rate is finished accounts
// (done + failed) per second of `elapsed`.
std::string render_progress(const progress_counts& counts,
                            std::chrono::steady_clock::duration elapsed);

// "\r" and ESC [ K: the cursor back to the start of an empty line.
std::string_view clear_progress_line() noexcept;

// Says when to redraw: at most `per_second` times a second.
class redraw_limiter {
public:
    explicit redraw_limiter(double per_second);

    // True (and remembers `now`) if the last redraw was at least
    // 1/per_second ago, or there was none.
    bool should_redraw(std::chrono::steady_clock::time_point now) noexcept;

private:
    std::chrono::steady_clock::duration m_interval;
    std::optional<std::chrono::steady_clock::time_point> m_last;
};

}  // namespace uvimap::app
