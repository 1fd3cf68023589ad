#pragma once
// The traffic after which the heap per idle TLS connection is measured (the
// memory test and bench/bench_connections share it): log in as the fixture's
// bulk user and move 256 KiB each way over one connection.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "support/dovecot_fixture.hpp"
#include "uvimap/async/stream.hpp"
#include "uvimap/async/task.hpp"

namespace uvimap::test {

class bulk_traffic {
public:
    explicit bulk_traffic(const dovecot_fixture& dovecot);

    // After the greeting was read: logs in, sends 256 KiB (five SEARCHes
    // with 52 KiB literals each, before a mailbox is selected, so that
    // Dovecot reads them all and answers BAD at once; it takes at most
    // 64 KiB per literal outside APPEND), then fetches the bulk message
    // (256 KiB). Returns the bytes received.
    async::task<std::size_t> run(async::byte_stream& stream) const;

private:
    std::string m_login;
    std::string m_upload;
};

struct idle_measure {
    std::size_t heap_per_connection = 0;
    std::size_t bytes_received = 0;  // over all connections
};

// Opens `count` connections with `open` (at most `concurrency` at once),
// reads each one's greeting and runs `traffic` over it, then leaves every
// connection waiting in a read, as an idle client does, and measures the
// heap they hold (heap_in_use() after, less before). Closes them all.
async::task<idle_measure> measure_idle_connections(
    std::size_t count, std::size_t concurrency, const bulk_traffic& traffic,
    const std::function<async::task<std::unique_ptr<async::byte_stream>>()>& open);

}  // namespace uvimap::test
