#include "accounts_file.hpp"

#include <unordered_map>

#include "text_file.hpp"

namespace uvimap::app {

namespace {

constexpr std::size_t max_accounts_file_size = 64 * 1024 * 1024;

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// The line without its comment and surrounding white space.
std::string_view content_of(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '#' && (i == 0 || is_blank(line[i - 1]))) {
            line = line.substr(0, i);
            break;
        }
    }
    while (!line.empty() && is_blank(line.front()))
        line.remove_prefix(1);
    while (!line.empty() && is_blank(line.back()))
        line.remove_suffix(1);
    return line;
}

}  // namespace

accounts_list parse_accounts(std::string_view text) {
    constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
    if (text.substr(0, byte_order_mark.size()) == byte_order_mark)
        text.remove_prefix(byte_order_mark.size());

    accounts_list result;
    std::unordered_map<std::string, std::size_t> first_line;  // canonical URL -> line
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);

        const std::string_view url = content_of(line);
        if (url.empty())
            continue;
        if (url.find_first_of(" \t") != std::string_view::npos) {
            result.errors.push_back(
                {number, "one account URL per line: unexpected text after white space"});
            continue;
        }
        auto parsed = parse_account_url(url);
        if (!parsed) {
            result.errors.push_back({number, parsed.error()});
            continue;
        }
        const auto [seen, inserted] = first_line.emplace(parsed->url, number);
        if (!inserted) {
            result.errors.push_back({number, "the same account as on line " +
                                                 std::to_string(seen->second) + " (" + parsed->url +
                                                 ")"});
            continue;
        }
        result.accounts.push_back(std::move(*parsed));
    }
    return result;
}

wire::expected<std::vector<account>, std::vector<std::string>> load_accounts_file(
    const std::string& path) {
    using failure = wire::unexpected<std::vector<std::string>>;
    auto text = read_text_file(path, max_accounts_file_size);
    if (!text)
        return failure(std::vector<std::string>{text.error()});
    accounts_list list = parse_accounts(*text);
    if (list.errors.empty())
        return std::move(list.accounts);
    std::vector<std::string> messages;
    for (const line_error& e : list.errors)
        messages.push_back(path + ":" + std::to_string(e.line) + ": " + e.message);
    return failure(std::move(messages));
}

}  // namespace uvimap::app
