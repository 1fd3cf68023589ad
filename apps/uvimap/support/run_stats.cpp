#include "run_stats.hpp"

#include <sys/resource.h>

#include <fmt/format.h>

#include "peak_memory.hpp"

namespace uvimap::app {

namespace {

double seconds(const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

}  // namespace

std::string stats_line(const run_totals& totals, std::chrono::steady_clock::duration wall) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return fmt::format(
        "{{\"tool\":\"{}\",\"accounts\":{},\"succeeded\":{},\"failed\":{},\"concurrency\":{},"
        "\"wall_s\":{:.3f},\"cpu_user_s\":{:.3f},\"cpu_sys_s\":{:.3f},\"bytes_read\":{},"
        "\"bytes_written\":{},\"max_rss_kib\":{}}}\n",
        totals.tool, totals.accounts, totals.succeeded, totals.failed, totals.concurrency,
        std::chrono::duration<double>(wall).count(), seconds(usage.ru_utime),
        seconds(usage.ru_stime), totals.bytes_read, totals.bytes_written, peak_resident_kib());
}

}  // namespace uvimap::app
