#include "convert.hpp"

#include <algorithm>

#include "uvimap/wire/sequence_set.hpp"

namespace uvimap::session {

namespace detail {

namespace {

char lower_char(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::vector<address> to_addresses(std::span<const wire::address> list) {
    std::vector<address> out;
    out.reserve(list.size());
    for (const wire::address& a : list) {
        out.push_back(
            {to_optional(a.name), to_optional(a.adl), to_optional(a.mailbox), to_optional(a.host)});
    }
    return out;
}

envelope to_envelope(const wire::envelope& e) {
    envelope out;
    out.date = to_optional(e.date);
    out.subject = to_optional(e.subject);
    out.from = to_addresses(e.from);
    out.sender = to_addresses(e.sender);
    out.reply_to = to_addresses(e.reply_to);
    out.to = to_addresses(e.to);
    out.cc = to_addresses(e.cc);
    out.bcc = to_addresses(e.bcc);
    out.in_reply_to = to_optional(e.in_reply_to);
    out.message_id = to_optional(e.message_id);
    return out;
}

std::vector<std::pair<std::string, std::string>> to_parameters(
    std::span<const wire::body_param> params) {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(params.size());
    for (const wire::body_param& p : params) {
        out.emplace_back(lower(p.name.bytes), std::string(p.value.bytes));
    }
    return out;
}

body_structure to_structure(const wire::body& b) {
    body_structure out;
    out.multipart = b.multipart;
    out.type = b.multipart ? "multipart" : lower(b.type.bytes);
    out.subtype = lower(b.subtype.bytes);
    out.parameters = to_parameters(b.params);
    if (b.multipart) {
        out.parts.reserve(b.parts.size());
        for (const wire::body& part : b.parts) {
            out.parts.push_back(to_structure(part));
        }
    } else {
        out.id = to_optional(b.id);
        out.description = to_optional(b.description);
        out.encoding = b.encoding.is_nil() ? "7bit" : lower(b.encoding.bytes);
        out.size = b.size;
        if (b.has_lines) {
            out.lines = b.lines;
        }
        if (b.message_envelope != nullptr) {
            out.message_envelope.push_back(to_envelope(*b.message_envelope));
        }
        if (b.message_body != nullptr) {
            out.message_body.push_back(to_structure(*b.message_body));
        }
        out.md5 = to_optional(b.md5);
    }
    if (!b.disposition.type.is_nil()) {
        out.disposition = lower(b.disposition.type.bytes);
        out.disposition_parameters = to_parameters(b.disposition.params);
    }
    for (const wire::string_value& language : b.language) {
        out.language.emplace_back(language.bytes);
    }
    out.location = to_optional(b.location);
    return out;
}

body_section to_section(const wire::fetch_item& item) {
    body_section out;
    out.name = std::string(item.name);
    out.section = std::string(item.section);
    if (item.has_origin) {
        out.origin = item.origin;
    }
    out.binary = item.kind == wire::fetch_item_kind::binary;
    out.streamed = item.value.form == wire::string_form::streamed;
    out.size = item.value.size;
    if (!item.value.is_nil() && !out.streamed) {
        out.data = std::string(item.value.bytes);
    }
    return out;
}

// RFC822, RFC822.HEADER and RFC822.TEXT are the old spellings of BODY[],
// BODY[HEADER] and BODY[TEXT]; they come out as sections of those names.
body_section to_legacy_section(const wire::fetch_item& item, std::string_view section) {
    body_section out = to_section(item);
    out.section = std::string(section);
    return out;
}

void add_item(fetch_message& message, const wire::fetch_item& item) {
    using kind = wire::fetch_item_kind;
    switch (item.kind) {
        case kind::flags:
            message.flags = to_strings(item.flags);
            break;
        case kind::uid:
            message.uid = static_cast<std::uint32_t>(item.number);
            break;
        case kind::internaldate:
            message.internal_date = to_optional(item.value);
            break;
        case kind::rfc822_size:
            message.size = item.number;
            break;
        case kind::modseq:
            message.modseq = item.number;
            break;
        case kind::envelope:
            if (item.env != nullptr) {
                message.env = to_envelope(*item.env);
            }
            break;
        case kind::body:
        case kind::bodystructure:
            if (item.structure != nullptr) {
                message.structure = to_structure(*item.structure);
            }
            break;
        case kind::body_section:
        case kind::binary:
            message.sections.push_back(to_section(item));
            break;
        case kind::rfc822:
            message.sections.push_back(to_legacy_section(item, ""));
            break;
        case kind::rfc822_header:
            message.sections.push_back(to_legacy_section(item, "HEADER"));
            break;
        case kind::rfc822_text:
            message.sections.push_back(to_legacy_section(item, "TEXT"));
            break;
        case kind::x_gm_labels:
            message.gmail_labels = to_strings(item.flags);
            break;
        case kind::x_gm_msgid:
            message.gmail_message_id = item.number;
            break;
        case kind::x_gm_thrid:
            message.gmail_thread_id = item.number;
            break;
        case kind::binary_size:
        case kind::unknown:
            message.other.emplace_back(std::string(item.name), std::string(item.raw));
            break;
    }
}

}  // namespace

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower_char);
    return out;
}

bool same_ascii(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return lower_char(x) == lower_char(y);
           });
}

std::vector<std::string> to_strings(std::span<const std::string_view> atoms) {
    return std::vector<std::string>(atoms.begin(), atoms.end());
}

std::optional<std::string> to_optional(const wire::string_value& value) {
    if (value.is_nil()) {
        return std::nullopt;
    }
    return std::string(value.bytes);
}

response_code to_code(const wire::response_code& code) {
    return {std::string(code.name), std::string(code.raw_args)};
}

std::string decode_name(std::string_view raw, wire::name_encoding encoding) {
    auto decoded = wire::decode_mailbox_name(raw, encoding);
    return decoded ? std::move(*decoded) : std::string(raw);
}

mailbox_entry to_entry(const wire::list_data& list, wire::name_encoding encoding) {
    mailbox_entry entry;
    entry.raw_name = std::string(list.mailbox.bytes);
    entry.name = decode_name(entry.raw_name, encoding);
    if (!list.delimiter.is_nil()) {
        entry.delimiter = std::string(list.delimiter.bytes);
    }
    entry.flags = to_strings(list.flags);
    return entry;
}

mailbox_status to_status(const wire::status_data& status, wire::name_encoding encoding) {
    mailbox_status out;
    out.mailbox = decode_name(status.mailbox.bytes, encoding);
    for (const wire::status_item& item : status.items) {
        const auto small = static_cast<std::uint32_t>(item.value);
        switch (item.attr) {
            case wire::status_attr::messages:
                out.messages = small;
                break;
            case wire::status_attr::recent:
                out.recent = small;
                break;
            case wire::status_attr::uidnext:
                out.uidnext = small;
                break;
            case wire::status_attr::uidvalidity:
                out.uidvalidity = small;
                break;
            case wire::status_attr::unseen:
                out.unseen = small;
                break;
            case wire::status_attr::deleted:
                out.deleted = small;
                break;
            case wire::status_attr::size:
                out.size = item.value;
                break;
            case wire::status_attr::highestmodseq:
                out.highest_modseq = item.value;
                break;
            case wire::status_attr::mailboxid:
                if (!item.object_id.empty()) {
                    out.mailbox_id = std::string(item.object_id);
                }
                break;
            case wire::status_attr::other:
                break;
        }
    }
    return out;
}

fetch_message to_message(const wire::response& fetch) {
    fetch_message message;
    message.sequence = fetch.number;
    for (const wire::fetch_item& item : fetch.fetch.items) {
        add_item(message, item);
    }
    return message;
}

search_result to_search(const wire::search_data& search) {
    search_result out;
    out.numbers.assign(search.numbers.begin(), search.numbers.end());
    if (search.has_modseq) {
        out.highest_modseq = search.modseq;
    }
    return out;
}

std::optional<search_result> to_search(const wire::esearch_data& esearch) {
    search_result out;
    for (const wire::esearch_item& item : esearch.items) {
        const auto small = static_cast<std::uint32_t>(item.number);
        if (same_ascii(item.name, "MIN")) {
            out.min = small;
        } else if (same_ascii(item.name, "MAX")) {
            out.max = small;
        } else if (same_ascii(item.name, "COUNT")) {
            out.count = small;
        } else if (same_ascii(item.name, "MODSEQ")) {
            out.highest_modseq = item.number;
        } else if (same_ascii(item.name, "ALL")) {
            const auto set = wire::parse_uid_set(item.raw);
            if (!set) {
                return std::nullopt;
            }
            for (const wire::seq_range& range : set->ranges()) {
                // A hostile server can name four billion numbers in 12 bytes.
                if (out.numbers.size() + (range.last - range.first) >= max_search_numbers) {
                    return std::nullopt;
                }
                for (std::uint64_t n = range.first; n <= range.last; ++n) {
                    out.numbers.push_back(static_cast<std::uint32_t>(n));
                }
            }
        }
    }
    return out;
}

namespaces to_namespaces(const wire::namespace_data& data) {
    auto copy = [](std::span<const wire::namespace_desc> descs) {
        std::vector<namespace_entry> out;
        for (const wire::namespace_desc& desc : descs) {
            out.push_back(
                {std::string(desc.prefix.bytes),
                 desc.delimiter.is_nil() ? std::string() : std::string(desc.delimiter.bytes)});
        }
        return out;
    };
    return {copy(data.personal), copy(data.other_users), copy(data.shared)};
}

id_fields to_id(std::span<const wire::id_param> params) {
    id_fields out;
    for (const wire::id_param& p : params) {
        out.emplace_back(std::string(p.name.bytes), to_optional(p.value));
    }
    return out;
}

}  // namespace detail

bool mailbox_entry::has_flag(std::string_view flag) const noexcept {
    return std::any_of(flags.begin(), flags.end(),
                       [flag](const std::string& f) { return detail::same_ascii(f, flag); });
}

std::optional<std::string> body_structure::parameter(std::string_view name) const {
    for (const auto& [key, value] : parameters) {
        if (detail::same_ascii(key, name)) {
            return value;
        }
    }
    return std::nullopt;
}

const body_section* fetch_message::find_section(std::string_view section) const noexcept {
    for (const body_section& s : sections) {
        if (detail::same_ascii(s.section, section)) {
            return &s;
        }
    }
    return nullptr;
}

}  // namespace uvimap::session
