#include "uvimap/mime/header_block.hpp"

#include <algorithm>

#include "ascii.hpp"

namespace uvimap::mime {
namespace {

// RFC 5322 §2.2: printable US-ASCII except the colon.
bool is_field_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(),
                                        [](char c) { return c >= '!' && c <= '~' && c != ':'; });
}

// The next line of `block` from `pos`, without its line end; `pos` moves
// past the line end.
std::string_view next_line(std::string_view block, std::size_t& pos) {
    const std::size_t lf = block.find('\n', pos);
    const std::size_t end = lf == std::string_view::npos ? block.size() : lf;
    std::string_view line = block.substr(pos, end - pos);
    pos = lf == std::string_view::npos ? block.size() : lf + 1;
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    return line;
}

}  // namespace

std::vector<header_field> parse_header_block(std::string_view block) {
    std::vector<header_field> fields;
    // False while skipping a line that is no field and its continuations.
    bool in_field = false;
    std::size_t pos = 0;
    while (pos < block.size()) {
        const std::string_view line = next_line(block, pos);
        if (line.empty())
            break;
        if (detail::is_wsp(line.front())) {
            if (in_field)
                fields.back().value += line;
            continue;
        }
        const std::size_t colon = line.find(':');
        const std::string_view name = colon == std::string_view::npos
                                          ? std::string_view()
                                          : detail::trim(line.substr(0, colon), detail::is_wsp);
        in_field = is_field_name(name);
        if (in_field)
            fields.push_back({std::string(name), std::string(line.substr(colon + 1))});
    }
    for (header_field& field : fields) {
        // A bare CR inside a line is no line end, but no text either.
        std::erase(field.value, '\r');
        field.value = std::string(detail::trim(field.value, detail::is_lwsp));
    }
    return fields;
}

const header_field* find_field(std::span<const header_field> fields, std::string_view name) {
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const header_field& f) {
        return detail::iequals(f.name, name);
    });
    return it == fields.end() ? nullptr : &*it;
}

}  // namespace uvimap::mime
