#include "uvimap/mime/parameter.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "ascii.hpp"
#include "uvimap/mime/header_value.hpp"

namespace uvimap::mime {
namespace {

// Section numbers beyond this are refused (Thunderbird's limit too): no
// real value has that many, and a number must not become a huge count.
constexpr unsigned k_max_section = 999;

// One piece of a value: a plain `name*N`, an escaped `name*N*`, or the whole
// `name*` (section 0, escaped).
struct section {
    unsigned number = 0;
    bool escaped = false;
    std::string_view value;
};

enum class name_kind { other, plain, extended, section };

struct name_match {
    name_kind kind = name_kind::other;
    unsigned number = 0;
    bool escaped = false;
};

// The section number in `digits`: decimal, no leading zero (RFC 2231 §3).
std::optional<unsigned> parse_section_number(std::string_view digits) {
    if (digits.empty() || (digits.size() > 1 && digits.front() == '0') || digits.size() > 3)
        return std::nullopt;
    unsigned n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return n <= k_max_section ? std::optional<unsigned>(n) : std::nullopt;
}

// What the attribute `candidate` is to the parameter `name`.
name_match match_name(std::string_view candidate, std::string_view name) {
    if (candidate.size() < name.size() || !detail::iequals(candidate.substr(0, name.size()), name))
        return {name_kind::other, 0, false};
    std::string_view rest = candidate.substr(name.size());
    if (rest.empty())
        return {name_kind::plain, 0, false};
    if (rest.front() != '*')
        return {name_kind::other, 0, false};
    rest.remove_prefix(1);
    if (rest.empty())
        return {name_kind::extended, 0, true};
    const bool escaped = rest.ends_with('*');
    if (escaped)
        rest.remove_suffix(1);
    const auto number = parse_section_number(rest);
    if (!number)
        return {name_kind::other, 0, false};
    return {name_kind::section, *number, escaped};
}

void append_unescaped(std::string_view value, std::string& out, problem_set& problems) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        const int byte = value[i] == '%' ? detail::escaped_byte_at(value, i) : -1;
        if (byte >= 0) {
            out += static_cast<char>(byte);
            i += 2;
        } else {
            if (value[i] == '%')
                problems.add(problem::bad_parameter);
            out += value[i];
        }
    }
}

// The sections 0, 1, 2... in order, the first of each number, up to the
// first missing one.
std::vector<section> consecutive_sections(std::vector<section> sections, problem_set& problems) {
    std::stable_sort(sections.begin(), sections.end(),
                     [](const section& a, const section& b) { return a.number < b.number; });
    std::vector<section> run;
    for (const section& s : sections) {
        if (!run.empty() && s.number == run.back().number)
            continue;
        if (s.number != run.size()) {
            problems.add(problem::bad_parameter);
            break;
        }
        run.push_back(s);
    }
    return run;
}

decoded_text decode_sections(std::span<const section> sections, problem_set problems,
                             charset_converter& converter) {
    std::optional<std::string_view> charset;
    std::string bytes;
    for (const section& s : sections) {
        std::string_view value = s.value;
        if (s.escaped && s.number == 0) {
            // charset'language'value; the language is of no use for display.
            const std::size_t first = value.find('\'');
            const std::size_t second =
                first == std::string_view::npos ? first : value.find('\'', first + 1);
            if (second != std::string_view::npos) {
                charset = value.substr(0, first);
                value.remove_prefix(second + 1);
            }
        }
        if (s.escaped)
            append_unescaped(value, bytes, problems);
        else
            bytes += value;
    }
    decoded_text result =
        charset ? converter.to_utf8(bytes, *charset) : decode_header_value(bytes, converter);
    result.problems.add(problems);
    return result;
}

}  // namespace

std::optional<decoded_text> decode_parameter(std::span<const parameter> params,
                                             std::string_view name, charset_converter& converter) {
    std::optional<std::string_view> plain;
    std::optional<section> extended;
    std::vector<section> sections;
    for (const parameter& p : params) {
        const name_match m = match_name(p.name, name);
        if (m.kind == name_kind::plain && !plain)
            plain = p.value;
        else if (m.kind == name_kind::extended && !extended)
            extended = section{0, true, p.value};
        else if (m.kind == name_kind::section)
            sections.push_back({m.number, m.escaped, p.value});
    }
    problem_set problems;
    if (extended)
        return decode_sections(std::span(&*extended, 1), problems, converter);
    if (!sections.empty()) {
        const std::vector<section> run = consecutive_sections(std::move(sections), problems);
        if (!run.empty())
            return decode_sections(run, problems, converter);
    }
    if (!plain)
        return std::nullopt;
    decoded_text result = decode_header_value(*plain, converter);
    result.problems.add(problems);
    return result;
}

}  // namespace uvimap::mime
