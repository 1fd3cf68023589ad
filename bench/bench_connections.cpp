// bench_connections: what a connection costs the client, against the
// Dovecot fixture (scripts/bench-connections starts one):
//   1. heap per idle connection after 256 KiB each way, TLS and plain TCP;
//   2. N connections with full TLS handshakes against N resuming a cached
//      session: wall time and the client's CPU time, in the same run.
// Figures go to docs/benchmarks.md as ratios within one run.

#include <sys/resource.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/bulk_traffic.hpp"
#include "support/dovecot_fixture.hpp"
#include "support/process_limits.hpp"
#include "tls/tls_test_helpers.hpp"
#include "uvimap/async/fd_limit.hpp"
#include "uvimap/async/run.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;
using namespace uvimap::async;

namespace {

struct settings {
    std::size_t connections = 1000;
    std::size_t concurrency = 100;
};

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Wall and CPU seconds of one measured stretch.
struct stopwatch {
    std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
    double cpu = cpu_seconds();
    double wall_seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    }
    double cpu_used() const { return cpu_seconds() - cpu; }
};

// The heap per idle connection after the bulk traffic, for streams `open` makes.
std::size_t idle_heap(uv_loop_t* loop, const settings& config, const test::bulk_traffic& traffic,
                      const std::function<task<std::unique_ptr<byte_stream>>()>& open) {
    return run(loop, test::measure_idle_connections(config.connections, config.concurrency, traffic,
                                                    open))
        .heap_per_connection;
}

struct handshake_run {
    double wall = 0;
    double cpu = 0;
    std::size_t resumed = 0;
};

// `count` TLS connections at the configured concurrency: handshake, read
// the greeting, close.
handshake_run handshakes(uv_loop_t* loop, const settings& config, std::uint16_t port,
                         const tls::client_context& context) {
    handshake_run result;
    auto one = [&]() -> task<void> {
        tls::tls_stream stream = co_await tls::connect(loop, "localhost", port, context);
        co_await test::read_until(stream, "\r\n");
        result.resumed += stream.session_reused() ? 1 : 0;
        co_await stream.close();
    };
    auto all = [&]() -> task<void> {
        async_scope scope(config.concurrency);
        for (std::size_t i = 0; i < config.connections; ++i) {
            scope.spawn(one());
        }
        co_await scope.join();
        scope.rethrow_first_error();
    };
    const stopwatch watch;
    run(loop, all());
    result.wall = watch.wall_seconds();
    result.cpu = watch.cpu_used();
    return result;
}

settings parse_arguments(int argc, char** argv) {
    settings config;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--connections" && has_value) {
            config.connections = std::strtoul(argv[++i], nullptr, 10);
        } else if (arg == "--concurrency" && has_value) {
            config.concurrency = std::strtoul(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: %s [--connections N] [--concurrency C]\n", argv[0]);
            std::exit(2);
        }
    }
    if (config.connections == 0 || config.concurrency == 0) {
        std::fprintf(stderr, "bench_connections: N and C must be positive\n");
        std::exit(2);
    }
    return config;
}

}  // namespace

int main(int argc, char** argv) {
    const settings config = parse_arguments(argc, argv);
    const std::optional<test::dovecot_fixture> dovecot = test::dovecot_fixture::load();
    if (!dovecot) {
        std::fprintf(stderr,
                     "bench_connections: no Dovecot fixture (set UVIMAP_DOVECOT_DIR; "
                     "scripts/bench-connections starts one)\n");
        return 1;
    }
    const open_file_limit limit = raise_open_file_limit(config.connections + 256);
    if (limit.soft < config.connections + 256) {
        std::fprintf(stderr, "bench_connections: %zu connections need more open files than %llu\n",
                     config.connections, static_cast<unsigned long long>(limit.hard));
        return 1;
    }
    std::signal(SIGPIPE, SIG_IGN);
    uv_loop_t loop;
    uv_loop_init(&loop);
    const auto imaps = static_cast<std::uint16_t>(dovecot->imaps_port);
    const auto imap = static_cast<std::uint16_t>(dovecot->imap_port);
    const tls::client_context context(test::trust_only(dovecot->ca_file));
    const test::bulk_traffic traffic(*dovecot);

    const std::size_t tls_heap =
        idle_heap(&loop, config, traffic, [&]() -> task<std::unique_ptr<byte_stream>> {
            co_return std::make_unique<tls::tls_stream>(
                co_await tls::connect(&loop, "127.0.0.1", imaps, context));
        });
    const std::size_t tcp_heap =
        idle_heap(&loop, config, traffic, [&]() -> task<std::unique_ptr<byte_stream>> {
            co_return std::make_unique<tcp_stream>(co_await connect(&loop, "127.0.0.1", imap));
        });
    std::printf("heap per idle connection after 256 KiB each way, %zu connections:\n",
                config.connections);
    std::printf("  TLS       %7.1f KiB\n", tls_heap / 1024.0);
    std::printf("  plain TCP %7.1f KiB\n", tcp_heap / 1024.0);

    tls::context_options no_resumption = test::trust_only(dovecot->ca_file);
    no_resumption.resume_sessions = false;
    const tls::client_context full_context(no_resumption);
    const tls::client_context resuming_context(test::trust_only(dovecot->ca_file));
    handshakes(&loop, settings{1, 1}, imaps, resuming_context);  // warm the cache
    const handshake_run full = handshakes(&loop, config, imaps, full_context);
    const handshake_run resumed = handshakes(&loop, config, imaps, resuming_context);
    std::printf("%zu TLS connections (handshake, greeting, close), %zu at a time:\n",
                config.connections, config.concurrency);
    std::printf("  full handshakes     wall %6.2f s  client CPU %6.2f s\n", full.wall, full.cpu);
    std::printf("  resumed sessions    wall %6.2f s  client CPU %6.2f s  (%zu of %zu resumed)\n",
                resumed.wall, resumed.cpu, resumed.resumed, config.connections);
    std::printf("  resumed / full      wall %6.2f    client CPU %6.2f\n", resumed.wall / full.wall,
                resumed.cpu / full.cpu);
    uv_loop_close(&loop);
    return 0;
}
