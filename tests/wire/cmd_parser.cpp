#include "cmd_parser.hpp"

#include <cstdint>
#include <optional>

#include "uvimap/wire/encoder.hpp"

namespace uvimap::wire::test {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// A cursor over the command bytes. Every reader returns std::nullopt (or
// false) after recording the first error; later errors do not overwrite it.
class reader {
public:
    reader(std::string_view s, name_encoding names) : m_s(s), m_names(names) {}

    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }

    bool fail(std::string_view what) {
        if (m_error.empty())
            m_error = std::string(what) + " at offset " + std::to_string(m_pos);
        return false;
    }

    bool at_end_of_line() const { return m_s.substr(m_pos, 2) == "\r\n"; }
    bool peek(char c) const { return m_pos < m_s.size() && m_s[m_pos] == c; }

    bool expect(std::string_view lit) {
        if (upper(m_s.substr(m_pos, lit.size())) != lit)
            return fail("expected '" + std::string(lit) + "'");
        m_pos += lit.size();
        return true;
    }
    bool try_eat(std::string_view lit) {
        if (upper(m_s.substr(m_pos, lit.size())) != lit)
            return false;
        m_pos += lit.size();
        return true;
    }
    bool sp() { return expect(" "); }

    bool end() {
        if (!expect("\r\n"))
            return false;
        if (m_pos != m_s.size())
            return fail("bytes after the command");
        return true;
    }

    // A bare word: everything up to a delimiter. Empty on failure. `[` is an
    // atom character, so only fetch items (BODY[...]) treat it as the end.
    std::string word(bool stop_at_bracket = false) {
        const std::size_t start = m_pos;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == ' ' || c == '(' || c == ')' || c == ']' || c == '\r' || c == '\n' ||
                c == '"' || c == '{' || (stop_at_bracket && c == '[')) {
                break;
            }
            ++m_pos;
        }
        if (m_pos == start)
            fail("expected a word");
        return std::string(m_s.substr(start, m_pos - start));
    }

    std::optional<std::uint64_t> number() {
        const std::size_t start = m_pos;
        std::uint64_t n = 0;
        while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') {
            if (n > (UINT64_MAX - 9) / 10) {
                fail("number too large");
                return std::nullopt;
            }
            n = n * 10 + static_cast<std::uint64_t>(m_s[m_pos] - '0');
            ++m_pos;
        }
        if (m_pos == start) {
            fail("expected a number");
            return std::nullopt;
        }
        return n;
    }

    // `string` or `astring`: quoted, literal (any kind), or a bare word.
    std::optional<std::string> astring() {
        if (peek('"'))
            return quoted();
        if (peek('{') || m_s.substr(m_pos, 2) == "~{")
            return literal();
        std::string w = word();
        if (failed())
            return std::nullopt;
        return w;
    }

    std::optional<std::string> nstring() {
        if (try_eat("NIL"))
            return std::nullopt;
        return astring();
    }

    std::optional<std::string> quoted() {
        if (!expect("\""))
            return std::nullopt;
        std::string out;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos++];
            if (c == '"')
                return out;
            if (c == '\r' || c == '\n' || c == '\0') {
                fail("CR, LF or NUL in quoted string");
                return std::nullopt;
            }
            if (c == '\\') {
                if (m_pos >= m_s.size() || (m_s[m_pos] != '"' && m_s[m_pos] != '\\')) {
                    fail("bad escape in quoted string");
                    return std::nullopt;
                }
                out += m_s[m_pos++];
                continue;
            }
            out += c;
        }
        fail("unterminated quoted string");
        return std::nullopt;
    }

    std::optional<std::string> literal() {
        const bool binary = try_eat("~");
        if (!expect("{"))
            return std::nullopt;
        auto n = number();
        if (!n)
            return std::nullopt;
        try_eat("+");
        if (!expect("}\r\n"))
            return std::nullopt;
        if (m_s.size() - m_pos < *n) {
            fail("literal longer than the input");
            return std::nullopt;
        }
        std::string out(m_s.substr(m_pos, *n));
        m_pos += *n;
        if (!binary && out.find('\0') != std::string::npos) {
            fail("NUL in a non-binary literal");
            return std::nullopt;
        }
        return out;
    }

    std::optional<std::string> mailbox() {
        auto raw = astring();
        if (!raw)
            return std::nullopt;
        if (upper(*raw) == "INBOX")
            return std::string("INBOX");
        return decode_name(*raw);
    }

    std::optional<std::string> pattern() {
        auto raw = astring();
        if (!raw)
            return std::nullopt;
        return decode_name(*raw);
    }

    std::optional<sequence_set> set() {
        std::string w = word();
        if (failed())
            return std::nullopt;
        auto parsed = parse_sequence_set(w);
        if (!parsed) {
            fail("bad sequence set");
            return std::nullopt;
        }
        return *parsed;
    }

private:
    std::optional<std::string> decode_name(const std::string& raw) {
        auto decoded = decode_mailbox_name(raw, m_names);
        if (!decoded) {
            fail("bad mailbox name encoding");
            return std::nullopt;
        }
        return *decoded;
    }

    std::string_view m_s;
    name_encoding m_names;
    std::size_t m_pos = 0;
    std::string m_error;
};

std::optional<status_attr> status_item_from(std::string_view w) {
    const std::string u = upper(w);
    for (auto item : k_status_attrs) {
        if (to_string(item) == u)
            return item;
    }
    return std::nullopt;
}

std::optional<std::vector<status_attr>> status_items(reader& r) {
    if (!r.expect("("))
        return std::nullopt;
    std::vector<status_attr> items;
    do {
        auto item = status_item_from(r.word());
        if (!item) {
            r.fail("unknown status item");
            return std::nullopt;
        }
        items.push_back(*item);
    } while (r.try_eat(" "));
    if (!r.expect(")"))
        return std::nullopt;
    return items;
}

std::optional<std::vector<std::uint32_t>> section_part(reader& r, bool& more_text) {
    std::vector<std::uint32_t> part;
    more_text = false;
    while (r.peek('0') || r.peek('1') || r.peek('2') || r.peek('3') || r.peek('4') || r.peek('5') ||
           r.peek('6') || r.peek('7') || r.peek('8') || r.peek('9')) {
        auto n = r.number();
        if (!n || *n == 0 || *n > UINT32_MAX) {
            r.fail("bad part number");
            return std::nullopt;
        }
        part.push_back(static_cast<std::uint32_t>(*n));
        if (!r.try_eat("."))
            return part;
        more_text = true;
    }
    if (part.empty())
        more_text = true;
    return part;
}

std::optional<fetch_att> parse_fetch_att(reader& r) {
    // The word stops at '[', so BODY.PEEK[...] reads as "BODY.PEEK" first.
    const std::string name = upper(r.word(true));
    if (r.failed())
        return std::nullopt;
    static const std::pair<const char*, fetch_att_kind> simple[] = {
        {"ALL", fetch_att_kind::all},
        {"FAST", fetch_att_kind::fast},
        {"FULL", fetch_att_kind::full},
        {"FLAGS", fetch_att_kind::flags},
        {"UID", fetch_att_kind::uid},
        {"INTERNALDATE", fetch_att_kind::internaldate},
        {"RFC822.SIZE", fetch_att_kind::rfc822_size},
        {"ENVELOPE", fetch_att_kind::envelope},
        {"BODYSTRUCTURE", fetch_att_kind::bodystructure},
        {"RFC822", fetch_att_kind::rfc822},
        {"RFC822.HEADER", fetch_att_kind::rfc822_header},
        {"RFC822.TEXT", fetch_att_kind::rfc822_text},
        {"MODSEQ", fetch_att_kind::modseq},
    };
    if (!r.peek('[')) {
        if (name == "BODY")
            return fetch_att::simple(fetch_att_kind::body);
        for (const auto& [text, attr] : simple) {
            if (name == text)
                return fetch_att::simple(attr);
        }
        r.fail("unknown fetch item");
        return std::nullopt;
    }
    fetch_att item;
    if (name == "BODY" || name == "BODY.PEEK") {
        item.attr = fetch_att_kind::body_section;
    } else if (name == "BINARY" || name == "BINARY.PEEK") {
        item.attr = fetch_att_kind::binary;
    } else if (name == "BINARY.SIZE") {
        item.attr = fetch_att_kind::binary_size;
    } else {
        r.fail("unknown sectioned fetch item");
        return std::nullopt;
    }
    item.peek = name.ends_with(".PEEK");
    r.expect("[");
    bool more_text = false;
    auto part = section_part(r, more_text);
    if (!part)
        return std::nullopt;
    item.section.part = *part;
    if (more_text && !r.peek(']')) {
        using tk = section_spec::text_kind;
        const std::string text = upper(r.word());
        if (text == "HEADER") {
            item.section.text = tk::header;
        } else if (text == "HEADER.FIELDS") {
            item.section.text = tk::header_fields;
        } else if (text == "HEADER.FIELDS.NOT") {
            item.section.text = tk::header_fields_not;
        } else if (text == "TEXT") {
            item.section.text = tk::text;
        } else if (text == "MIME") {
            item.section.text = tk::mime;
        } else {
            r.fail("unknown section text");
            return std::nullopt;
        }
        if (item.section.text == tk::header_fields || item.section.text == tk::header_fields_not) {
            if (!r.expect(" ("))
                return std::nullopt;
            do {
                auto f = r.astring();
                if (!f)
                    return std::nullopt;
                item.section.fields.push_back(*f);
            } while (r.try_eat(" "));
            if (!r.expect(")"))
                return std::nullopt;
        }
    }
    if (!r.expect("]"))
        return std::nullopt;
    if (r.try_eat("<")) {
        auto offset = r.number();
        if (!offset || !r.expect("."))
            return std::nullopt;
        auto length = r.number();
        if (!length || !r.expect(">"))
            return std::nullopt;
        item.partial = partial_range{*offset, *length};
    }
    return item;
}

std::optional<fetch_command> parse_fetch(reader& r, bool uid) {
    fetch_command c;
    c.uid = uid;
    auto set = r.set();
    if (!set || !r.sp())
        return std::nullopt;
    c.set = *set;
    if (r.try_eat("(")) {
        do {
            auto item = parse_fetch_att(r);
            if (!item)
                return std::nullopt;
            c.items.push_back(*item);
        } while (r.try_eat(" "));
        if (!r.expect(")"))
            return std::nullopt;
    } else {
        auto item = parse_fetch_att(r);
        if (!item)
            return std::nullopt;
        c.items.push_back(*item);
    }
    if (r.try_eat(" (")) {
        for (bool first = true; first || r.try_eat(" "); first = false) {
            if (r.try_eat("CHANGEDSINCE ")) {
                auto n = r.number();
                if (!n)
                    return std::nullopt;
                c.changed_since = *n;
            } else if (r.try_eat("VANISHED")) {
                c.vanished = true;
            } else {
                r.fail("unknown fetch modifier");
                return std::nullopt;
            }
        }
        if (!r.expect(")"))
            return std::nullopt;
    }
    return c;
}

// A date field: 1 to `max_digits` digits and nothing else. (The fuzzer
// feeds this parser any bytes, so it must not throw as std::stoul would.)
bool date_field(std::string_view s, std::size_t max_digits, int& out) {
    if (s.empty() || s.size() > max_digits)
        return false;
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + (c - '0');
    }
    return true;
}

std::optional<search_date> parse_date(reader& r) {
    const std::string w = r.word();
    const auto dash1 = w.find('-');
    const auto dash2 = w.find('-', dash1 == std::string::npos ? 0 : dash1 + 1);
    if (dash1 == std::string::npos || dash2 == std::string::npos) {
        r.fail("bad date");
        return std::nullopt;
    }
    static const char* months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    search_date d;
    int day = 0;
    if (!date_field(std::string_view(w).substr(0, dash1), 2, day) ||
        !date_field(std::string_view(w).substr(dash2 + 1), 4, d.year)) {
        r.fail("bad date");
        return std::nullopt;
    }
    d.day = static_cast<unsigned>(day);
    const std::string mon = upper(w.substr(dash1 + 1, dash2 - dash1 - 1));
    d.month = 0;
    for (unsigned i = 0; i < 12; ++i) {
        if (mon == months[i])
            d.month = i + 1;
    }
    if (d.month == 0) {
        r.fail("bad month");
        return std::nullopt;
    }
    return d;
}

// Deeper than the encoder ever writes (it refuses 64 levels): the fuzzer
// feeds this parser `NOT NOT NOT ...`, which must fail, not overflow the stack.
constexpr int k_max_search_depth = 100;

std::optional<search_key> parse_search_key(reader& r, int depth = 0) {
    if (depth > k_max_search_depth) {
        r.fail("search keys nested too deeply");
        return std::nullopt;
    }
    if (r.try_eat("(")) {
        std::vector<search_key> keys;
        do {
            auto k = parse_search_key(r, depth + 1);
            if (!k)
                return std::nullopt;
            keys.push_back(std::move(*k));
        } while (r.try_eat(" "));
        if (!r.expect(")"))
            return std::nullopt;
        return search_key::and_key(std::move(keys));
    }
    if (r.peek('*') || r.peek('1') || r.peek('2') || r.peek('3') || r.peek('4') || r.peek('5') ||
        r.peek('6') || r.peek('7') || r.peek('8') || r.peek('9')) {
        auto s = r.set();
        if (!s)
            return std::nullopt;
        return search_key::set_key(search_kind::sequence, *s);
    }
    const std::string name = upper(r.word());
    if (r.failed())
        return std::nullopt;
    static const std::pair<const char*, search_kind> flags[] = {
        {"ALL", search_kind::all},
        {"ANSWERED", search_kind::answered},
        {"DELETED", search_kind::deleted},
        {"DRAFT", search_kind::draft},
        {"FLAGGED", search_kind::flagged},
        {"SEEN", search_kind::seen},
        {"NEW", search_kind::new_},
        {"OLD", search_kind::old},
        {"RECENT", search_kind::recent},
        {"UNANSWERED", search_kind::unanswered},
        {"UNDELETED", search_kind::undeleted},
        {"UNDRAFT", search_kind::undraft},
        {"UNFLAGGED", search_kind::unflagged},
        {"UNSEEN", search_kind::unseen},
    };
    for (const auto& [text, kind] : flags) {
        if (name == text)
            return search_key::flag(kind);
    }
    static const std::pair<const char*, search_kind> strings[] = {
        {"KEYWORD", search_kind::keyword}, {"UNKEYWORD", search_kind::unkeyword},
        {"BCC", search_kind::bcc},         {"BODY", search_kind::body},
        {"CC", search_kind::cc},           {"FROM", search_kind::from},
        {"SUBJECT", search_kind::subject}, {"TEXT", search_kind::text},
        {"TO", search_kind::to},
    };
    for (const auto& [text, kind] : strings) {
        if (name == text) {
            if (!r.sp())
                return std::nullopt;
            auto v = r.astring();
            if (!v)
                return std::nullopt;
            return search_key::string(kind, *v);
        }
    }
    static const std::pair<const char*, search_kind> dates[] = {
        {"BEFORE", search_kind::before}, {"ON", search_kind::on},
        {"SINCE", search_kind::since},   {"SENTBEFORE", search_kind::sentbefore},
        {"SENTON", search_kind::senton}, {"SENTSINCE", search_kind::sentsince},
    };
    for (const auto& [text, kind] : dates) {
        if (name == text) {
            if (!r.sp())
                return std::nullopt;
            auto d = parse_date(r);
            if (!d)
                return std::nullopt;
            return search_key::date_key(kind, *d);
        }
    }
    static const std::pair<const char*, search_kind> numbers[] = {
        {"LARGER", search_kind::larger},
        {"SMALLER", search_kind::smaller},
        {"MODSEQ", search_kind::modseq},
    };
    for (const auto& [text, kind] : numbers) {
        if (name == text) {
            if (!r.sp())
                return std::nullopt;
            auto n = r.number();
            if (!n)
                return std::nullopt;
            return search_key::number_key(kind, *n);
        }
    }
    if (name == "HEADER") {
        if (!r.sp())
            return std::nullopt;
        auto field = r.astring();
        if (!field || !r.sp())
            return std::nullopt;
        auto value = r.astring();
        if (!value)
            return std::nullopt;
        return search_key::header(*field, *value);
    }
    if (name == "UID") {
        if (!r.sp())
            return std::nullopt;
        auto s = r.set();
        if (!s)
            return std::nullopt;
        return search_key::set_key(search_kind::uid, *s);
    }
    if (name == "NOT") {
        if (!r.sp())
            return std::nullopt;
        auto k = parse_search_key(r, depth + 1);
        if (!k)
            return std::nullopt;
        return search_key::not_key(std::move(*k));
    }
    if (name == "OR") {
        if (!r.sp())
            return std::nullopt;
        auto a = parse_search_key(r, depth + 1);
        if (!a || !r.sp())
            return std::nullopt;
        auto b = parse_search_key(r, depth + 1);
        if (!b)
            return std::nullopt;
        return search_key::or_key(std::move(*a), std::move(*b));
    }
    r.fail("unknown search key");
    return std::nullopt;
}

std::optional<search_command> parse_search(reader& r, bool uid) {
    search_command c;
    c.uid = uid;
    if (r.try_eat(" RETURN (")) {
        std::vector<search_return> opts;
        while (!r.peek(')')) {
            if (!opts.empty() && !r.sp())
                return std::nullopt;
            const std::string w = upper(r.word());
            if (w == "MIN") {
                opts.push_back(search_return::min);
            } else if (w == "MAX") {
                opts.push_back(search_return::max);
            } else if (w == "COUNT") {
                opts.push_back(search_return::count);
            } else if (w == "ALL") {
                opts.push_back(search_return::all);
            } else if (w == "SAVE") {
                opts.push_back(search_return::save);
            } else {
                r.fail("unknown search return option");
                return std::nullopt;
            }
        }
        r.expect(")");
        c.return_options = std::move(opts);
    }
    if (r.try_eat(" CHARSET ")) {
        auto cs = r.astring();
        if (!cs)
            return std::nullopt;
        c.charset = *cs;
    }
    while (r.try_eat(" ")) {
        auto k = parse_search_key(r);
        if (!k)
            return std::nullopt;
        c.criteria.push_back(std::move(*k));
    }
    return c;
}

std::optional<select_command> parse_select(reader& r, bool read_only) {
    select_command c;
    c.read_only = read_only;
    auto name = r.mailbox();
    if (!name)
        return std::nullopt;
    c.mailbox = *name;
    if (!r.try_eat(" ("))
        return c;
    for (bool first = true; first || r.try_eat(" "); first = false) {
        if (r.try_eat("CONDSTORE")) {
            c.condstore = true;
        } else if (r.try_eat("QRESYNC (")) {
            qresync_params q;
            auto v = r.number();
            if (!v || !r.sp())
                return std::nullopt;
            q.uidvalidity = static_cast<std::uint32_t>(*v);
            auto m = r.number();
            if (!m)
                return std::nullopt;
            q.modseq = *m;
            if (r.try_eat(" ")) {
                if (!r.peek('(')) {
                    auto known = r.set();
                    if (!known)
                        return std::nullopt;
                    q.known_uids = *known;
                    r.try_eat(" ");
                }
                if (r.try_eat("(")) {
                    auto seqs = r.set();
                    if (!seqs || !r.sp())
                        return std::nullopt;
                    auto uids = r.set();
                    if (!uids || !r.expect(")"))
                        return std::nullopt;
                    q.seq_match = std::make_pair(*seqs, *uids);
                }
            }
            if (!r.expect(")"))
                return std::nullopt;
            c.qresync = q;
        } else {
            r.fail("unknown select parameter");
            return std::nullopt;
        }
    }
    if (!r.expect(")"))
        return std::nullopt;
    return c;
}

std::optional<list_command> parse_list(reader& r) {
    list_command c;
    c.patterns.clear();
    if (r.try_eat("(")) {
        do {
            c.selection_options.push_back(r.word());
        } while (r.try_eat(" "));
        if (!r.expect(") "))
            return std::nullopt;
    }
    auto ref = r.mailbox();
    if (!ref || !r.sp())
        return std::nullopt;
    c.reference = *ref;
    if (r.try_eat("(")) {
        do {
            auto p = r.pattern();
            if (!p)
                return std::nullopt;
            c.patterns.push_back(*p);
        } while (r.try_eat(" "));
        if (!r.expect(")"))
            return std::nullopt;
    } else {
        auto p = r.pattern();
        if (!p)
            return std::nullopt;
        c.patterns.push_back(*p);
    }
    if (r.try_eat(" RETURN (")) {
        for (bool first = true; first || r.try_eat(" "); first = false) {
            if (r.try_eat("SUBSCRIBED")) {
                c.return_subscribed = true;
            } else if (r.try_eat("CHILDREN")) {
                c.return_children = true;
            } else if (r.try_eat("SPECIAL-USE")) {
                c.return_special_use = true;
            } else if (r.try_eat("STATUS ")) {
                auto items = status_items(r);
                if (!items)
                    return std::nullopt;
                c.return_status = *items;
            } else {
                r.fail("unknown list return option");
                return std::nullopt;
            }
        }
        if (!r.expect(")"))
            return std::nullopt;
    }
    return c;
}

std::optional<command> parse_body(reader& r, const std::string& name) {
    if (name == "CAPABILITY")
        return capability_command{};
    if (name == "STARTTLS")
        return starttls_command{};
    if (name == "NAMESPACE")
        return namespace_command{};
    if (name == "IDLE")
        return idle_command{};
    if (name == "NOOP")
        return noop_command{};
    if (name == "CHECK")
        return check_command{};
    if (name == "CLOSE")
        return close_command{};
    if (name == "UNSELECT")
        return unselect_command{};
    if (name == "LOGOUT")
        return logout_command{};
    if (name == "LOGIN") {
        if (!r.sp())
            return std::nullopt;
        auto user = r.astring();
        if (!user || !r.sp())
            return std::nullopt;
        auto pass = r.astring();
        if (!pass)
            return std::nullopt;
        return login_command{*user, secret(*pass)};
    }
    if (name == "AUTHENTICATE") {
        if (!r.sp())
            return std::nullopt;
        authenticate_command c;
        c.mechanism = r.word();
        if (r.try_eat(" ")) {
            const std::string ir = r.word();
            if (ir == "=") {
                c.initial_response = secret{};
            } else {
                auto decoded = base64_decode(ir);
                if (!decoded) {
                    r.fail("bad base64");
                    return std::nullopt;
                }
                c.initial_response = secret(*decoded);
            }
        }
        return c;
    }
    if (name == "ENABLE") {
        enable_command c;
        while (r.try_eat(" "))
            c.capabilities.push_back(r.word());
        return c;
    }
    if (name == "ID") {
        id_command c;
        if (!r.sp())
            return std::nullopt;
        if (r.try_eat("NIL"))
            return c;
        if (!r.expect("("))
            return std::nullopt;
        c.fields.emplace();
        while (!r.peek(')')) {
            if (!c.fields->empty() && !r.sp())
                return std::nullopt;
            auto field = r.astring();
            if (!field || !r.sp())
                return std::nullopt;
            auto value = r.nstring();
            if (r.failed())
                return std::nullopt;
            c.fields->emplace_back(*field, value);
        }
        r.expect(")");
        return c;
    }
    if (name == "LIST") {
        if (!r.sp())
            return std::nullopt;
        return parse_list(r);
    }
    if (name == "LSUB") {
        lsub_command c;
        if (!r.sp())
            return std::nullopt;
        auto ref = r.mailbox();
        if (!ref || !r.sp())
            return std::nullopt;
        auto p = r.pattern();
        if (!p)
            return std::nullopt;
        c.reference = *ref;
        c.pattern = *p;
        return c;
    }
    if (name == "STATUS") {
        status_command c;
        if (!r.sp())
            return std::nullopt;
        auto mb = r.mailbox();
        if (!mb || !r.sp())
            return std::nullopt;
        auto items = status_items(r);
        if (!items)
            return std::nullopt;
        c.mailbox = *mb;
        c.items = *items;
        return c;
    }
    if (name == "SELECT" || name == "EXAMINE") {
        if (!r.sp())
            return std::nullopt;
        return parse_select(r, name == "EXAMINE");
    }
    if (name == "FETCH" || name == "UID FETCH") {
        if (!r.sp())
            return std::nullopt;
        return parse_fetch(r, name == "UID FETCH");
    }
    if (name == "SEARCH" || name == "UID SEARCH")
        return parse_search(r, name == "UID SEARCH");
    r.fail("unknown command " + name);
    return std::nullopt;
}

}  // namespace

expected<parsed_command, std::string> parse_command(std::string_view bytes, name_encoding names) {
    reader r(bytes, names);
    parsed_command out{r.word(), noop_command{}};
    if (!r.sp())
        return unexpected{r.error()};
    std::string name = upper(r.word());
    if (name == "UID") {
        if (!r.sp())
            return unexpected{r.error()};
        name += " " + upper(r.word());
    }
    auto cmd = parse_body(r, name);
    if (!cmd || r.failed() || !r.end()) {
        return unexpected{r.failed() ? r.error() : std::string("parse failed")};
    }
    out.cmd = std::move(*cmd);
    return out;
}

}  // namespace uvimap::wire::test
