#pragma once
// Small helpers shared by the TLS suites.

#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "support/error_code.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/stream.hpp"
#include "uvimap/async/task.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::test {

// Options that trust exactly the CAs in `ca_file`.
inline tls::context_options trust_only(const std::string& ca_file) {
    tls::context_options options;
    options.ca_file = ca_file;
    return options;
}

// Reads until the accumulated text contains `needle` (or the stream ends).
inline async::task<std::string> read_until(async::byte_stream& stream, std::string needle) {
    std::string received;
    while (received.find(needle) == std::string::npos) {
        const std::span<const char> data = co_await stream.read();
        if (data.empty()) {
            break;
        }
        received.append(data.data(), data.size());
    }
    co_return received;
}

// Reads until the line tagged `tag` has arrived whole, whatever its status,
// and returns everything read (untagged lines included).
inline async::task<std::string> read_tagged(async::byte_stream& stream, std::string tag) {
    const std::string at_line_start = "\r\n" + tag + " ";
    std::string received;
    while (true) {
        std::size_t start = received.rfind(tag + " ", 0) == 0 ? 0 : received.find(at_line_start);
        if (start != std::string::npos && received.find("\r\n", start + 2) != std::string::npos) {
            break;
        }
        const std::span<const char> data = co_await stream.read();
        if (data.empty()) {
            break;
        }
        received.append(data.data(), data.size());
    }
    co_return received;
}

}  // namespace uvimap::test
