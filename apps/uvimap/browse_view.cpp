#include "browse_view.hpp"

#include <charconv>
#include <ctime>

#include <fmt/format.h>

#include "summary_format.hpp"
#include "support/ascii.hpp"
#include "support/terminal_text.hpp"
#include "uvimap/mime/body_text.hpp"
#include "uvimap/mime/header_block.hpp"
#include "uvimap/mime/header_value.hpp"
#include "uvimap/mime/parameter.hpp"

namespace uvimap::app {

namespace {

// --- INTERNALDATE -------------------------------------------------------------

bool read_number(std::string_view text, int& value) {
    if (text.empty() || text.front() < '0' || text.front() > '9') {
        return false;  // from_chars would take a sign
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

int month_number(std::string_view name) {
    static constexpr std::string_view months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) {
        if (ascii_iequals(name, months[i])) {
            return i + 1;
        }
    }
    return 0;
}

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
std::int64_t days_from_civil(int year, int month, int day) {
    const int y = month <= 2 ? year - 1 : year;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int year_of_era = y - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<std::int64_t>(era) * 146097 + day_of_era - 719468;
}

// RFC 3501 date-time: "dd-Mon-yyyy hh:mm:ss +zzzz", the day maybe " d".
std::optional<std::time_t> parse_internal_date(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    const std::size_t dash1 = text.find('-');
    const std::size_t dash2 = text.find('-', dash1 + 1);
    if (dash1 == std::string_view::npos || dash2 == std::string_view::npos ||
        text.size() < dash2 + 1 + 4 + 1 + 8 + 1 + 5) {
        return std::nullopt;
    }
    std::string_view rest = text.substr(dash2 + 1);
    int day = 0, year = 0, hour = 0, minute = 0, second = 0, zone = 0;
    const int month = month_number(text.substr(dash1 + 1, dash2 - dash1 - 1));
    if (!read_number(text.substr(0, dash1), day) || month == 0 ||
        !read_number(rest.substr(0, 4), year) || rest[4] != ' ' ||
        !read_number(rest.substr(5, 2), hour) || rest[7] != ':' ||
        !read_number(rest.substr(8, 2), minute) || rest[10] != ':' ||
        !read_number(rest.substr(11, 2), second) || rest[13] != ' ' ||
        (rest[14] != '+' && rest[14] != '-') || rest.size() != 19 ||
        !read_number(rest.substr(15, 4), zone) || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60) {
        return std::nullopt;
    }
    const int offset_minutes = (zone / 100) * 60 + zone % 100;
    const std::int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 +
                                 minute * 60 + second -
                                 (rest[14] == '-' ? -offset_minutes : offset_minutes) * 60;
    return static_cast<std::time_t>(seconds);
}

// --- Structure ----------------------------------------------------------------

bool is_message_rfc822(const session::body_structure& node) {
    return !node.multipart && node.type == "message" && node.subtype == "rfc822";
}

std::vector<mime::parameter> parameter_views(
    const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<mime::parameter> out;
    for (const auto& [name, value] : pairs) {
        out.push_back({name, value});
    }
    return out;
}

std::string describe(const session::body_structure& node, mime::charset_converter& cv) {
    std::string out = node.type + "/" + node.subtype;
    if (node.multipart) {
        return out;
    }
    out += " size=" + std::to_string(node.size);
    if (node.disposition) {
        out += " " + *node.disposition;
        const std::vector<mime::parameter> params = parameter_views(node.disposition_parameters);
        for (const auto& [name, value] : node.disposition_parameters) {
            if (name.find('*') != std::string::npos) {
                continue;  // an RFC 2231 section: decode_parameter joins them
            }
            const std::optional<mime::decoded_text> decoded =
                mime::decode_parameter(params, name, cv);
            out += " " + name + "=\"" + (decoded ? decoded->text : value) + "\"";
        }
    }
    return out;
}

// The parts under `node` (a multipart, or an enclosed message), numbered
// under `number` ("" for the top level).
void add_children(std::vector<std::string>& out, const session::body_structure& node,
                  const std::string& number, mime::charset_converter& cv);

void add_node(std::vector<std::string>& out, const session::body_structure& node,
              const std::string& label, const std::string& number, mime::charset_converter& cv) {
    out.push_back(fmt::format("  {:<9} {}", sanitize_for_terminal(label),
                              sanitize_for_terminal(describe(node, cv))));
    add_children(out, node, number, cv);
}

void add_children(std::vector<std::string>& out, const session::body_structure& node,
                  const std::string& number, mime::charset_converter& cv) {
    const std::string prefix = number.empty() ? "" : number + ".";
    if (node.multipart) {
        for (std::size_t i = 0; i < node.parts.size(); ++i) {
            const std::string child = prefix + std::to_string(i + 1);
            add_node(out, node.parts[i], child, child, cv);
        }
    } else if (is_message_rfc822(node) && !node.message_body.empty()) {
        const session::body_structure& enclosed = node.message_body.front();
        if (enclosed.multipart) {
            add_children(out, enclosed, number, cv);
        } else {
            add_node(out, enclosed, prefix + "1", prefix + "1", cv);
        }
    }
}

// --- Content --------------------------------------------------------------------

// Tabs to spaces at every eighth column, counting characters, not bytes.
std::string expand_tabs(std::string_view line) {
    std::string out;
    std::size_t column = 0;
    for (char c : line) {
        if (c == '\t') {
            const std::size_t spaces = 8 - column % 8;
            out.append(spaces, ' ');
            column += spaces;
            continue;
        }
        out += c;
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return out;
}

std::string decoded_content(std::string_view bytes, const part_plan& plan, bool truncated,
                            mime::charset_converter& cv) {
    if (plan.header) {
        std::string out;
        for (const mime::header_field& field : mime::parse_header_block(bytes)) {
            out += field.name + ": " + mime::decode_header_value(field.value, cv).text + "\n";
        }
        return out;
    }
    if (plan.decode_as != nullptr) {
        const session::body_structure& part = *plan.decode_as;
        return mime::decode_body_text(
                   bytes, part.encoding, part.parameter("charset").value_or(""),
                   truncated ? mime::input_end::truncated : mime::input_end::complete, cv)
            .text;
    }
    return std::string(bytes);
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Padding meant for a column that follows; nothing follows at the end.
std::string without_trailing_blanks(std::string line) {
    line.erase(line.find_last_not_of(' ') + 1);
    return line;
}

}  // namespace

std::string folder_line(const session::mailbox_entry& box) {
    return without_trailing_blanks(
        fmt::format("{:<30} {}", sanitize_for_terminal(box.name), sanitized_words(box.flags)));
}

std::string local_time_of(std::string_view internal_date) {
    const std::optional<std::time_t> when = parse_internal_date(internal_date);
    std::tm local{};
    if (!when || localtime_r(&*when, &local) == nullptr) {
        return sanitize_for_terminal(internal_date);
    }
    char text[32];
    const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    return std::string(text, n);
}

std::vector<std::string> message_lines(const session::fetch_message& message,
                                       mime::charset_converter& cv) {
    std::vector<std::string> out;
    out.push_back(without_trailing_blanks(
        fmt::format("{:6}  {:>20}  {:6} bytes  {}", message.uid.value_or(0),
                    local_time_of(message.internal_date.value_or("")), message.size.value_or(0),
                    sanitized_words(message.flags.value_or(std::vector<std::string>{})))));
    if (!message.env) {
        return out;
    }
    // From as summary shows it, so that a decoded name with a comma in it
    // is quoted and does not read as two addresses.
    const std::string from = format_from(message.env->from, cv);
    if (!from.empty()) {
        out.push_back("       From: " + sanitize_for_terminal(from));
    }
    if (message.env->subject) {
        out.push_back(
            "       Subject: " +
            sanitize_for_terminal(mime::decode_header_value(*message.env->subject, cv).text));
    }
    return out;
}

std::vector<std::string> structure_lines(const session::body_structure& root,
                                         mime::charset_converter& cv) {
    std::vector<std::string> out;
    out.push_back("  HEADER");
    // Part 1 of a single-part message is its body, so what an enclosed
    // message/rfc822 body holds is numbered under 1.
    add_node(out, root, "TEXT", root.multipart ? "" : "1", cv);
    return out;
}

std::optional<wire::section_spec> parse_part_name(std::string_view name) {
    wire::section_spec spec;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t dot = std::min(name.find('.', start), name.size());
        const std::string_view token = name.substr(start, dot - start);
        const bool last = dot == name.size();
        std::uint32_t number = 0;
        const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), number);
        if (!token.empty() && ec == std::errc() && end == token.data() + token.size() &&
            number > 0 && token.front() != '0') {
            spec.part.push_back(number);
        } else if (last && ascii_iequals(token, "HEADER")) {
            spec.text = wire::section_spec::text_kind::header;
        } else if (last && ascii_iequals(token, "TEXT")) {
            spec.text = wire::section_spec::text_kind::text;
        } else if (last && !spec.part.empty() && ascii_iequals(token, "MIME")) {
            spec.text = wire::section_spec::text_kind::mime;
        } else {
            return std::nullopt;
        }
        start = dot + 1;
    }
    return spec;
}

const session::body_structure* find_part(const session::body_structure& root,
                                         const std::vector<std::uint32_t>& path) {
    const session::body_structure* node = nullptr;
    for (const std::uint32_t number : path) {
        // The body whose parts the next number counts: the message's own at
        // the top, an enclosed message's under a message/rfc822 part.
        const session::body_structure* body = node == nullptr ? &root : node;
        if (node != nullptr && is_message_rfc822(*node)) {
            if (node->message_body.empty()) {
                return nullptr;
            }
            body = &node->message_body.front();
        } else if (node != nullptr && !node->multipart) {
            return nullptr;  // a leaf has no parts
        }
        if (body->multipart) {
            if (number > body->parts.size()) {
                return nullptr;
            }
            node = &body->parts[number - 1];
        } else if (number == 1) {
            node = body;
        } else {
            return nullptr;
        }
    }
    return node;
}

part_plan plan_part(const session::body_structure& root, const wire::section_spec& section) {
    using text_kind = wire::section_spec::text_kind;
    part_plan plan;
    if (section.text == text_kind::header || section.text == text_kind::mime) {
        plan.header = true;
        return plan;
    }
    if (section.part.empty()) {  // TEXT: the message's body
        plan.decode_as = root.multipart ? nullptr : &root;
        return plan;
    }
    const session::body_structure* node = find_part(root, section.part);
    if (node == nullptr) {
        plan.fetch = false;
        plan.note = "(No such section)";
        return plan;
    }
    if (section.text == text_kind::text) {  // N.TEXT: an enclosed message's body
        if (is_message_rfc822(*node) && !node->message_body.empty() &&
            !node->message_body.front().multipart) {
            plan.decode_as = &node->message_body.front();
        }
        return plan;
    }
    if (node->multipart || is_message_rfc822(*node)) {
        return plan;  // MIME as sent
    }
    if (node->type == "text") {
        plan.decode_as = node;
        return plan;
    }
    plan.fetch = false;
    plan.note =
        sanitize_for_terminal(fmt::format("[{}/{}, {} bytes in {}, not text: not shown]",
                                          node->type, node->subtype, node->size, node->encoding));
    return plan;
}

std::vector<std::string> content_lines(std::string_view bytes, const part_plan& plan,
                                       bool truncated, mime::charset_converter& cv) {
    const std::string text = decoded_content(bytes, plan, truncated, cv);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t lf = std::min(text.find('\n', start), text.size());
        std::string_view line(text.data() + start, lf - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!blank(line) || !lines.empty()) {
            lines.push_back(sanitize_for_terminal(expand_tabs(line)));
        }
        start = lf + 1;
    }
    while (!lines.empty() && blank(lines.back())) {
        lines.pop_back();
    }
    return lines;
}

}  // namespace uvimap::app
