#include "support/dovecot_fixture.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace uvimap::test {

namespace {

std::optional<std::string> env_var(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
}

std::optional<int> to_int(std::string_view text) {
    int result = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, result);
    if (ec != std::errc{} || ptr != end || text.empty()) {
        return std::nullopt;
    }
    return result;
}

std::string_view trim_cr(std::string_view line) {
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

}  // namespace

std::optional<std::string> dovecot_fixture::value(std::string_view key) const {
    auto it = values.find(key);
    if (it == values.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::optional<int> dovecot_fixture::int_value(std::string_view key) const {
    auto it = values.find(key);
    if (it == values.end()) {
        return std::nullopt;
    }
    return to_int(it->second);
}

std::optional<dovecot_fixture> dovecot_fixture::parse(std::string_view text) {
    dovecot_fixture fixture;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view line = trim_cr(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        std::size_t eq = line.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            return std::nullopt;
        }
        fixture.values.insert_or_assign(std::string(line.substr(0, eq)),
                                        std::string(line.substr(eq + 1)));
    }

    auto host = fixture.value("HOST");
    auto imap_port = fixture.int_value("IMAP_PORT");
    auto imaps_port = fixture.int_value("IMAPS_PORT");
    auto ca_file = fixture.value("CA_FILE");
    auto cert_dir = fixture.value("CERT_DIR");
    if (!host || host->empty() || !imap_port || !imaps_port || !ca_file || !cert_dir) {
        return std::nullopt;
    }
    auto valid_port = [](int port) { return port > 0 && port < 65536; };
    if (!valid_port(*imap_port) || !valid_port(*imaps_port)) {
        return std::nullopt;
    }
    fixture.host = std::move(*host);
    fixture.imap_port = *imap_port;
    fixture.imaps_port = *imaps_port;
    fixture.ca_file = std::move(*ca_file);
    fixture.cert_dir = std::move(*cert_dir);
    fixture.book_mailbox = fixture.value("BOOK_MAILBOX") == "1";
    return fixture;
}

dovecot_fixture dovecot_fixture::require() {
    std::optional<dovecot_fixture> fixture = load();
    REQUIRE_MESSAGE(fixture.has_value(),
                    "the Dovecot fixture is not running (UVIMAP_DOVECOT_DIR and its env file)");
    return *fixture;
}

std::optional<dovecot_fixture> dovecot_fixture::load() {
    auto dir = env_var("UVIMAP_DOVECOT_DIR");
    if (!dir) {
        return std::nullopt;
    }
    std::ifstream in(std::filesystem::path(*dir) / "env", std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return parse(text.str());
}

std::optional<std::string> shared_file(std::string_view relative) {
    auto dir = env_var("UVIMAP_SHARED_DIR");
    if (!dir) {
        return std::nullopt;
    }
    std::filesystem::path path = std::filesystem::path(*dir) / relative;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return std::nullopt;
    }
    return path.string();
}

}  // namespace uvimap::test
