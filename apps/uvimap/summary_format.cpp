#include "summary_format.hpp"

#include "uvimap/mime/body_text.hpp"
#include "uvimap/mime/header_value.hpp"
#include "uvimap/mime/utf8_text.hpp"

namespace uvimap::app {

namespace {

// RFC 5322 §3.2.3 specials: a display name holding one must be quoted.
bool needs_quotes(std::string_view name) {
    return name.find_first_of("()<>[]:;@\\,.\"") != std::string_view::npos;
}

std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

std::string one_address(const session::address& a, mime::charset_converter& cv) {
    std::string where = a.mailbox.value_or("");
    if (a.host && !a.host->empty()) {
        where += "@" + *a.host;
    }
    if (!a.name || a.name->empty()) {
        return where;
    }
    std::string name = mime::decode_header_value(*a.name, cv).text;
    return (needs_quotes(name) ? quoted(name) : name) + " <" + where + ">";
}

}  // namespace

std::string format_from(const std::vector<session::address>& from, mime::charset_converter& cv) {
    std::string out;
    for (const session::address& a : from) {
        if (a.is_group_start() || a.is_group_end()) {
            continue;  // the members of a group are listed as they come
        }
        out += (out.empty() ? "" : ", ") + one_address(a, cv);
    }
    return out;
}

std::string body_summary::line() const {
    switch (what) {
        case kind::text:
            return "   " + text + " ...";
        case kind::parts: {
            std::string out = "  Parts:";
            for (const std::string& part : parts) {
                out += " " + part;
            }
            return out;
        }
        case kind::other:
            return "   [" + type + ", " + std::to_string(size) + " bytes]";
        case kind::need_more:
            break;
    }
    return {};
}

body_summary summarize_body(const session::body_structure& structure,
                            const std::optional<std::string>& first_bytes, bool last_try,
                            mime::charset_converter& cv) {
    body_summary out;
    if (structure.multipart) {
        out.what = body_summary::kind::parts;
        for (const session::body_structure& part : structure.parts) {
            out.parts.push_back(part.type + "/" + part.subtype);
        }
        return out;
    }
    if (structure.type != "text") {
        out.what = body_summary::kind::other;
        out.type = structure.type + "/" + structure.subtype;
        out.size = structure.size;
        return out;
    }
    const std::string_view bytes = first_bytes ? std::string_view(*first_bytes) : "";
    const bool whole =
        structure.size <= 0 || static_cast<std::int64_t>(bytes.size()) >= structure.size;
    const std::string charset = structure.parameter("charset").value_or("");
    // Sixty characters rarely take more than a few hundred bytes: decode a
    // prefix, twice as long each time it falls short (a decoded prefix is a
    // prefix of the whole text).
    mime::decoded_text decoded;
    bool enough = false;
    for (std::size_t take = std::min<std::size_t>(bytes.size(), 512);; take *= 2) {
        take = std::min(take, bytes.size());
        const bool everything = take == bytes.size();
        decoded = mime::decode_body_text(
            bytes.substr(0, take), structure.encoding, charset,
            everything && whole ? mime::input_end::complete : mime::input_end::truncated, cv);
        enough = mime::count_code_points(decoded.text) >= summary_characters;
        if (everything || enough) {
            break;
        }
    }
    if (!whole && !last_try && !enough) {
        return out;
    }
    // As the chapter: the first 60 characters, then the white space made
    // one (so the text may be shorter than 60).
    out.what = body_summary::kind::text;
    out.text =
        mime::collapse_white_space(mime::first_code_points(decoded.text, summary_characters));
    return out;
}

}  // namespace uvimap::app
