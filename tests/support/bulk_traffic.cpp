#include "support/bulk_traffic.hpp"

#include "support/process_limits.hpp"
#include "tls/tls_test_helpers.hpp"
#include "uvimap/async/scope.hpp"

namespace uvimap::test {

namespace {

constexpr std::size_t literal_size = 52429;  // five make 256 KiB
constexpr std::string_view download = "f1 EXAMINE INBOX\r\nf2 FETCH 1 BODY.PEEK[]\r\n";

}  // namespace

bulk_traffic::bulk_traffic(const dovecot_fixture& dovecot)
    : m_login("a1 LOGIN " + dovecot.value("BULK_USER").value_or("bulk") + " " +
              dovecot.value("BULK_PASSWORD").value_or("bulk") + "\r\n") {
    for (int i = 1; i <= 5; ++i) {
        m_upload +=
            "u" + std::to_string(i) + " SEARCH TEXT {" + std::to_string(literal_size) + "+}\r\n";
        m_upload.append(literal_size, 'x');
        m_upload += "\r\n";
    }
}

async::task<std::size_t> bulk_traffic::run(async::byte_stream& stream) const {
    co_await stream.write(m_login);
    std::size_t received = (co_await read_tagged(stream, "a1")).size();
    co_await stream.write(m_upload);
    received += (co_await read_tagged(stream, "u5")).size();
    co_await stream.write(download);
    received += (co_await read_tagged(stream, "f2")).size();
    co_return received;
}

async::task<idle_measure> measure_idle_connections(
    std::size_t count, std::size_t concurrency, const bulk_traffic& traffic,
    const std::function<async::task<std::unique_ptr<async::byte_stream>>()>& open) {
    std::vector<std::unique_ptr<async::byte_stream>> streams;
    idle_measure result;
    auto one = [&]() -> async::task<void> {
        std::unique_ptr<async::byte_stream> stream = co_await open();
        co_await read_until(*stream, "\r\n");
        result.bytes_received += co_await traffic.run(*stream);
        streams.push_back(std::move(stream));
    };
    auto wait_idle = [](async::byte_stream& stream) -> async::task<void> {
        co_await stream.read();
    };
    const std::size_t before = heap_in_use();
    {
        async::async_scope busy(concurrency);
        for (std::size_t i = 0; i < count; ++i) {
            busy.spawn(one());
        }
        co_await busy.join();
        busy.rethrow_first_error();
    }
    async::async_scope idle;
    for (auto& stream : streams) {
        idle.spawn(wait_idle(*stream));
    }
    result.heap_per_connection = (heap_in_use() - before) / count;
    for (auto& stream : streams) {
        co_await stream->close();  // the pending reads end aborted
    }
    co_await idle.join();
    co_return result;
}

}  // namespace uvimap::test
