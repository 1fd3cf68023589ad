#include "progress_line.hpp"

#include <fmt/format.h>

namespace uvimap::app {

std::string render_progress(const progress_counts& counts,
                            std::chrono::steady_clock::duration elapsed) {
    using std::chrono::duration;
    const double seconds = duration<double>(elapsed).count();
    const std::size_t finished = counts.done + counts.failed;
    const double rate = seconds > 0 ? static_cast<double>(finished) / seconds : 0.0;
    const auto whole_seconds = static_cast<long long>(seconds);
    return fmt::format(
        "\r[{}/{}] {} done, {} failed, {} in flight, {:.1f} accounts/s, {}:{:02}"
        "\x1b[K",
        finished, counts.total, counts.done, counts.failed, counts.in_flight, rate,
        whole_seconds / 60, whole_seconds % 60);
}

std::string_view clear_progress_line() noexcept {
    return "\r\x1b[K";
}

redraw_limiter::redraw_limiter(double per_second)
    : m_interval(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(1.0 / per_second))) {}

bool redraw_limiter::should_redraw(std::chrono::steady_clock::time_point now) noexcept {
    if (m_last && now - *m_last < m_interval)
        return false;
    m_last = now;
    return true;
}

}  // namespace uvimap::app
