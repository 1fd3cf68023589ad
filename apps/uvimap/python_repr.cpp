#include "python_repr.hpp"

#include "support/terminal_text.hpp"

namespace uvimap::app {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) {
            out += ", ";
        }
        out += python_repr(item);
    }
    return out;
}

}  // namespace

std::string python_repr(std::string_view text) {
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string escaped;
    for (char c : text) {
        if (c == '\\' || c == quote) {
            escaped += '\\';
        }
        escaped += c;
    }
    // Then control characters become \x1b and the like, as Python shows them.
    return quote + sanitize_for_terminal(escaped) + quote;
}

std::string python_tuple(const std::vector<std::string>& items) {
    return "(" + joined(items) + (items.size() == 1 ? ",)" : ")");
}

std::string python_list(const std::vector<std::string>& items) {
    return "[" + joined(items) + "]";
}

}  // namespace uvimap::app
