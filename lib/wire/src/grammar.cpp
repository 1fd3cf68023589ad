#include "grammar.hpp"

#include "chars.hpp"
#include "uvimap/wire/sequence_set.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace uvimap::wire::detail {

namespace {

// Advances `p` over the bytes of class `cls` and returns them.
std::string_view take(const char*& p, const char* end, std::uint8_t cls) {
    const char* start = p;
    while (p < end && is(*p, cls)) {
        ++p;
    }
    return {start, static_cast<std::size_t>(p - start)};
}

}  // namespace

grammar::grammar(const limits& lim) noexcept
    : m_max_depth(std::min(lim.max_depth, max_supported_depth)) {}

bool grammar::fail(std::string_view expected, error_kind kind) {
    if (!m_failed) {
        m_failed = true;
        m_response.error.kind = kind;
        m_response.error.offset = stream_offset(*m_frame, static_cast<std::size_t>(m_p - m_begin));
        m_response.error.expected = expected;
    }
    return false;
}

bool grammar::at_line_end() const noexcept {
    return m_p >= m_end || *m_p == '\r' || *m_p == '\n';
}

bool grammar::expect(char c, std::string_view what) {
    if (peek() != c) {
        return fail(what);
    }
    ++m_p;
    return true;
}

bool grammar::end_of_response() {
    skip_sp();  // Trailing spaces: tolerated (Exchange).
    if (peek() == '\r') {
        ++m_p;
    }
    if (peek() != '\n') {
        return fail("CRLF");
    }
    ++m_p;
    if (m_p != m_end) {
        return fail("end of response");
    }
    return true;
}

bool grammar::open_keyword(std::string_view keyword) {
    if (!open()) {
        return false;
    }
    const std::string_view word = atom();
    if (!is_keyword(word, keyword)) {
        m_p = word.data();
        return fail(keyword);
    }
    return true;
}

std::string_view grammar::atom() {
    return take(m_p, m_end, k_atom);
}

std::string_view grammar::astring_atom() {
    return take(m_p, m_end, k_astring);
}

// flag = "\" atom / atom / "\*"; the backslash forms are kept with their "\".
std::string_view grammar::flag() {
    const char* start = m_p;
    if (peek() == '\\') {
        ++m_p;
        if (peek() == '*') {
            ++m_p;
            return {start, 2};
        }
    }
    atom();
    return {start, static_cast<std::size_t>(m_p - start)};
}

std::string_view grammar::sequence_set() {
    const char* start = m_p;
    const std::string_view set = take(m_p, m_end, k_seq);
    // Servers send sets of UIDs or message numbers here, never `*`. An
    // invalid set is reported at the offending byte.
    if (const auto invalid = check_sequence_set(set, false)) {
        m_p = start + invalid->offset;
        return {};
    }
    return set;
}

std::string_view grammar::text() {
    const char* start = m_p;
    while (m_p < m_end && *m_p != '\r' && *m_p != '\n') {
        ++m_p;
    }
    return {start, static_cast<std::size_t>(m_p - start)};
}

bool grammar::number(std::uint64_t& out) {
    if (peek() < '0' || peek() > '9') {
        return fail("number");
    }
    // Any 19 digits fit in 64 bits (10^19 - 1 < 2^64), so the overflow test,
    // a 64-bit division, is needed only from the 20th digit on. A local
    // cursor keeps the loop in registers.
    const char* p = m_p;
    std::uint64_t v = 0;
    const char* unchecked_end = m_end - p > 19 ? p + 19 : m_end;
    while (p < unchecked_end && *p >= '0' && *p <= '9') {
        v = v * 10 + static_cast<std::uint64_t>(*p - '0');
        ++p;
    }
    while (p < m_end && *p >= '0' && *p <= '9') {
        const std::uint64_t d = static_cast<std::uint64_t>(*p - '0');
        if (v > (UINT64_MAX - d) / 10) {
            m_p = p;
            return fail("number that fits in 64 bits", error_kind::number_overflow);
        }
        v = v * 10 + d;
        ++p;
    }
    m_p = p;
    out = v;
    return true;
}

bool grammar::number32(std::uint32_t& out) {
    const char* start = m_p;
    std::uint64_t v = 0;
    if (!number(v)) {
        return false;
    }
    if (v > UINT32_MAX) {
        m_p = start;
        return fail("number that fits in 32 bits", error_kind::number_overflow);
    }
    out = static_cast<std::uint32_t>(v);
    return true;
}

bool grammar::signed_number(std::int64_t& out) {
    bool negative = false;
    if (peek() == '-') {
        negative = true;  // Exchange's -1 for unknown sizes.
        ++m_p;
    }
    std::uint64_t v = 0;
    if (!number(v)) {
        return false;
    }
    if (v > static_cast<std::uint64_t>(INT64_MAX)) {
        return fail("number that fits in 63 bits", error_kind::number_overflow);
    }
    out = negative ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
    return true;
}

bool grammar::is_nil() const noexcept {
    if (m_end - m_p < 3 || !is_keyword({m_p, 3}, "NIL")) {
        return false;
    }
    return m_end - m_p == 3 || !is(m_p[3], k_astring);
}

bool grammar::skip_nil() noexcept {
    if (!is_nil()) {
        return false;
    }
    m_p += 3;
    return true;
}

namespace {

// In lenient (envelope) mode a '"' closes the string only if what follows can
// follow a string inside an envelope: ')' or a space and then the start of the
// next field ('"', '(', '{', '~' or NIL).
bool closes_string(const char* q, const char* end) {
    const char* p = q + 1;
    if (p >= end || *p == ')' || *p == '\r' || *p == '\n') {
        return true;
    }
    if (*p != ' ') {
        return false;
    }
    while (p < end && *p == ' ') {
        ++p;
    }
    if (p >= end) {
        return true;
    }
    if (*p == '"' || *p == '(' || *p == '{' || *p == '~' || *p == ')') {
        return true;
    }
    if (end - p >= 3 && is_keyword({p, 3}, "NIL")) {
        return end - p == 3 || p[3] == ' ' || p[3] == ')';
    }
    return false;
}

// Returns the first '"', '\\', CR or LF in [p, end), or `end`. Quoted strings
// are most of an ENVELOPE's bytes, so this loop is where envelope parsing
// spends its time: SSE2 (baseline on x86-64) looks at 16 bytes per step, as
// picohttpparser's findchar_fast does, and never reads past `end`, so a
// frame that ends flush against unmapped memory is safe. Elsewhere, and for
// the last few bytes, one table lookup per byte.
const char* find_quoted_stop(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hits =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
        const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
        if (mask != 0) {
            return p + __builtin_ctz(mask);
        }
        p += 16;
    }
#endif
    while (p < end && !is(*p, k_quoted_stop)) {
        ++p;
    }
    return p;
}

}  // namespace

bool grammar::quoted(string_value& out, bool lenient) {
    ++m_p;  // The opening quote.
    const char* start = m_p;
    bool escaped = false;
    const char* q = m_p;
    for (;;) {
        q = find_quoted_stop(q, m_end);
        if (q >= m_end || *q == '\r' || *q == '\n') {
            m_p = q;
            return fail("closing '\"'");
        }
        if (*q == '\\') {
            escaped = true;
            q += (q + 1 < m_end && (q[1] == '"' || q[1] == '\\')) ? 2 : 1;
            continue;
        }
        if (lenient && !closes_string(q, m_end)) {
            ++q;  // An unescaped quote inside the string (iCloud).
            continue;
        }
        break;
    }
    std::string_view raw{start, static_cast<std::size_t>(q - start)};
    m_p = q + 1;
    if (escaped) {
        char* dst = static_cast<char*>(m_arena.allocate(raw.size(), 1));
        std::size_t n = 0;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\')) {
                ++i;
            }
            dst[n++] = raw[i];
        }
        raw = {dst, n};
    }
    out = {raw, string_form::quoted, raw.size()};
    return true;
}

bool grammar::literal(string_value& out) {
    bool binary = false;
    if (peek() == '~') {
        binary = true;
        ++m_p;
    }
    if (!expect('{', "'{'")) {
        return false;
    }
    std::uint64_t size = 0;
    if (!number(size)) {
        return false;
    }
    if (peek() == '+') {
        ++m_p;
    }
    if (!expect('}', "'}'")) {
        return false;
    }
    if (peek() == '\r') {
        ++m_p;
    }
    if (peek() != '\n') {
        return fail("CRLF after literal announcement");
    }
    ++m_p;
    const std::size_t pos = static_cast<std::size_t>(m_p - m_begin);
    if (m_literal_index >= m_frame->literals.size() ||
        m_frame->literals[m_literal_index].offset != pos) {
        return fail("literal announced at the end of a line");
    }
    const literal_ref& lit = m_frame->literals[m_literal_index++];
    if (lit.streamed) {
        out = {{}, string_form::streamed, lit.size};
        return true;
    }
    // Frames from the framer always hold their literals; frames given to
    // parser::parse_frame() by hand might not.
    if (lit.size > static_cast<std::uint64_t>(m_end - m_p)) {
        return fail("literal data within the response");
    }
    const std::size_t n = static_cast<std::size_t>(lit.size);
    out = {{m_p, n}, binary ? string_form::binary_literal : string_form::literal, lit.size};
    m_p += n;
    return true;
}

bool grammar::string(string_value& out, bool lenient) {
    const char c = peek();
    if (c == '"') {
        return quoted(out, lenient);
    }
    if (c == '{' || (c == '~' && m_p + 1 < m_end && m_p[1] == '{')) {
        return literal(out);
    }
    return fail("string");
}

bool grammar::nstring(string_value& out, bool lenient) {
    if (skip_nil()) {
        out = {};
        return true;
    }
    if (starts_string()) {
        return string(out, lenient);
    }
    return fail("string or NIL");
}

bool grammar::astring(string_value& out) {
    if (starts_string()) {
        return string(out);
    }
    std::string_view a = astring_atom();
    if (a.empty()) {
        return fail("atom or string");
    }
    out = {a, string_form::atom, a.size()};
    return true;
}

// Skips one value of any shape (atom, number, string, literal, NIL, flag,
// parenthesised list, section-like brackets), iteratively so that only the
// depth limit bounds nesting.
bool grammar::skip_value() {
    const std::size_t base_depth = m_depth;
    for (;;) {
        skip_sp();
        const char c = peek();
        if (c == '(') {
            if (!open()) {
                return false;
            }
            continue;
        }
        if (c == ')') {
            if (m_depth == base_depth) {
                return fail("value");
            }
            ++m_p;
            --m_depth;
        } else if (starts_string()) {
            string_value ignored;
            if (!string(ignored)) {
                return false;
            }
        } else {
            const char* start = m_p;
            while (m_p < m_end && *m_p != ' ' && *m_p != '(' && *m_p != ')' && *m_p != '\r' &&
                   *m_p != '\n' && *m_p != '"') {
                if (*m_p == '[') {
                    // A section such as BODY[HEADER.FIELDS (A B)] is one token.
                    // The search stays on this line: past its end may be
                    // literal data, which is never read as syntax.
                    while (m_p < m_end && *m_p != ']' && *m_p != '\r' && *m_p != '\n') {
                        ++m_p;
                    }
                    if (peek() != ']') {
                        return fail("']'");
                    }
                }
                ++m_p;
            }
            if (m_p == start) {
                return fail("value");
            }
        }
        if (m_depth == base_depth) {
            return true;
        }
    }
}

// The list shape of list_of(), but written straight into the arena: a flag
// allocates nothing, so the list stays the arena's last allocation and grows
// in place, where list_of() would push onto a scratch vector and copy. Every
// FETCH FLAGS goes through here, usually with one or two flags.
bool grammar::flag_list(std::span<const std::string_view>& out) {
    if (!open()) {
        return false;
    }
    std::string_view* list = nullptr;
    std::size_t n = 0;
    while (peek() != ')') {
        const std::string_view f = flag();
        if (f.empty()) {
            return fail("flag");
        }
        if (n == 0 || !m_arena.try_extend(list, n * sizeof f, sizeof f)) {
            // First flag, or no room left in the block: start the list (again)
            // in a new allocation. What the old one held is not reused until
            // the next response, which bounds the waste.
            auto* moved = static_cast<std::string_view*>(
                m_arena.allocate((n + 1) * sizeof f, alignof(std::string_view)));
            if (n > 0) {
                std::memcpy(static_cast<void*>(moved), list, n * sizeof f);
            }
            list = moved;
        }
        std::construct_at(list + n, f);
        ++n;
        skip_sp();
    }
    out = {list, n};
    return close();
}

// Capability atoms up to the end of the line or, in a response code, up to
// its `]`.
bool grammar::capabilities(std::span<const std::string_view>& out, bool in_code) {
    const std::size_t mark = m_views.size();
    while (!at_line_end() && !(in_code && peek() == ']')) {
        std::string_view cap = atom();
        if (cap.empty()) {
            return fail("capability");
        }
        m_views.push_back(cap);
        skip_sp();
    }
    out = freeze(m_views, mark);
    return true;
}

// Assigning response{} zeroes some 500 bytes, where a response sets a few
// dozen: undo only what the last response can have set. A malformed response
// may have stopped anywhere and is rare, so it is cleared whole, as are
// responses that recorded an error.
void grammar::clear_response() noexcept {
    response& r = m_response;
    if (m_failed || r.type == response_type::malformed) {
        r = response{};
        return;
    }
    r.type = response_type::untagged;
    r.tag = {};
    r.status = status_kind::none;
    if (r.code.kind != code_kind::none) {
        r.code = {};
    }
    r.text = {};
    r.keyword = {};
    r.number = 0;
    r.continuation = {};
    // Each kind of data writes only its own member (grammar_data.cpp,
    // grammar_fetch.cpp), and the kind is set before that member is.
    switch (r.kind) {
        case data_kind::none:
        case data_kind::exists:
        case data_kind::recent:
        case data_kind::expunge:
        case data_kind::other:
            break;
        case data_kind::capability:
        case data_kind::enabled:
        case data_kind::flags:
            r.atoms = {};
            break;
        case data_kind::id:
            r.id = {};
            break;
        case data_kind::namespace_:
            r.namespaces = {};
            break;
        case data_kind::list:
        case data_kind::lsub:
        case data_kind::xlist:
            r.list = {};
            break;
        case data_kind::status:
            r.mailbox_status = {};
            break;
        case data_kind::search:
            r.search = {};
            break;
        case data_kind::esearch:
            r.esearch = {};
            break;
        case data_kind::vanished:
            r.vanished = {};
            break;
        case data_kind::fetch:
            r.fetch = {};
            break;
        case data_kind::acl:
            r.acl = {};
            break;
        case data_kind::listrights:
            r.listrights = {};
            break;
        case data_kind::myrights:
            r.myrights = {};
            break;
        case data_kind::quota:
            r.quota = {};
            break;
        case data_kind::quotaroot:
            r.quotaroot = {};
            break;
        case data_kind::metadata:
            r.metadata = {};
            break;
    }
    r.kind = data_kind::none;
}

const response& grammar::parse(const frame& f) {
    clear_response();
    m_frame = &f;
    m_begin = f.bytes.data();
    m_p = m_begin;
    m_end = m_begin + f.bytes.size();
    m_literal_index = 0;
    m_depth = 0;
    m_failed = false;
    m_arena.reset();
    m_views.clear();
    m_strings.clear();
    m_addresses.clear();
    m_bodies.clear();
    m_params.clear();
    m_items.clear();
    m_numbers.clear();
    m_list_ext.clear();
    m_status_items.clear();
    m_esearch_items.clear();
    m_id_params.clear();
    m_namespaces.clear();
    m_acl_entries.clear();
    m_quota_resources.clear();
    m_metadata_entries.clear();
    m_response.raw = f.bytes;
    m_response.offset = f.offset;
    if (!response_line()) {
        fail("response");  // Keeps the first error if one was recorded.
        // The tag and status survive, so that the session can still end the
        // command the response belongs to (response.hpp).
        const parse_error error = m_response.error;
        const std::string_view tag = m_response.tag;
        const status_kind status = m_response.status;
        m_response = response{};
        m_response.type = response_type::malformed;
        m_response.tag = tag;
        m_response.status = status;
        m_response.raw = f.bytes;
        m_response.offset = f.offset;
        m_response.error = error;
    }
    return m_response;
}

bool grammar::response_line() {
    const char c = peek();
    if (c == '+') {
        ++m_p;
        return continue_req();
    }
    if (c == '*') {
        ++m_p;
        m_response.type = response_type::untagged;
        return sp() && untagged();
    }
    const std::string_view tag = take(m_p, m_end, k_tag);
    if (tag.empty()) {
        return fail("tag, '*' or '+'");
    }
    m_response.type = response_type::tagged;
    if (!sp()) {
        return false;
    }
    m_response.tag = tag;  // Only a tag followed by SP counts, even in a malformed response.
    std::string_view word = atom();
    if (is_keyword(word, "OK")) {
        m_response.status = status_kind::ok;
    } else if (is_keyword(word, "NO")) {
        m_response.status = status_kind::no;
    } else if (is_keyword(word, "BAD")) {
        m_response.status = status_kind::bad;
    } else {
        m_p = word.data();
        return fail("OK, NO or BAD");
    }
    return resp_text();
}

// continue-req = "+" SP (resp-text / base64). Base64 never starts with '[',
// so a '[' starts a response code, as in `+ [ALERT] idling`. A code that does
// not parse is left as text: the request is still a request to continue, and
// a session that could not see it as one would wait forever.
bool grammar::continue_req() {
    if (peek() == ' ') {
        ++m_p;
    }
    m_response.type = response_type::continuation;
    const char* start = m_p;
    m_response.continuation = text();
    m_p = start;
    if (peek() == '[') {
        ++m_p;
        if (resp_code()) {
            if (peek() == ' ') {
                ++m_p;
            }
        } else {
            m_failed = false;
            m_response.error = {};
            m_response.code = {};
            m_depth = 0;
            m_p = start;
        }
    }
    m_response.text = text();
    return end_of_response();
}

bool grammar::resp_text() {
    if (at_line_end() || (peek() == ' ' && (skip_sp(), at_line_end()))) {
        return end_of_response();  // No text at all: tolerated.
    }
    if (m_p[-1] != ' ') {
        return fail("SP");
    }
    if (peek() == '[') {
        ++m_p;
        if (!resp_code()) {
            return false;
        }
        if (peek() == ' ') {
            ++m_p;
        }
    }
    m_response.text = text();
    return end_of_response();
}

bool grammar::resp_code() {
    response_code& code = m_response.code;
    code.name = atom();
    if (code.name.empty()) {
        return fail("response code");
    }
    struct known {
        std::string_view name;
        code_kind kind;
    };
    static constexpr known k_codes[] = {
        {"ALERT", code_kind::alert},
        {"BADCHARSET", code_kind::badcharset},
        {"CAPABILITY", code_kind::capability},
        {"PARSE", code_kind::parse},
        {"PERMANENTFLAGS", code_kind::permanentflags},
        {"READ-ONLY", code_kind::read_only},
        {"READ-WRITE", code_kind::read_write},
        {"TRYCREATE", code_kind::trycreate},
        {"UIDNEXT", code_kind::uidnext},
        {"UIDVALIDITY", code_kind::uidvalidity},
        {"UNSEEN", code_kind::unseen},
        {"HIGHESTMODSEQ", code_kind::highestmodseq},
        {"NOMODSEQ", code_kind::nomodseq},
        {"APPENDUID", code_kind::appenduid},
        {"COPYUID", code_kind::copyuid},
        {"CLOSED", code_kind::closed},
    };
    code.kind = code_kind::other;
    for (const known& k : k_codes) {
        if (is_keyword(code.name, k.name)) {
            code.kind = k.kind;
            break;
        }
    }
    const char* args = m_p;
    if (peek() == ' ') {
        args = ++m_p;
    }
    switch (code.kind) {
        case code_kind::badcharset:
            if (peek() == '(' && !list_of(m_views, code.list, [&](std::string_view& charset) {
                    string_value s;
                    if (!astring(s)) {
                        return false;
                    }
                    charset = s.bytes;
                    return true;
                })) {
                return false;
            }
            break;
        case code_kind::capability:
            if (!capabilities(code.list, true)) {
                return false;
            }
            break;
        case code_kind::permanentflags:
            if (!flag_list(code.list)) {
                return false;
            }
            break;
        case code_kind::uidnext:
        case code_kind::uidvalidity:
        case code_kind::unseen:
        case code_kind::highestmodseq:
            if (!number(code.number)) {
                return false;
            }
            break;
        case code_kind::appenduid:
        case code_kind::copyuid:
            if (!number(code.number) || !sp()) {
                return false;
            }
            code.uid_set = sequence_set();
            if (code.uid_set.empty()) {
                return fail("UID set");
            }
            if (code.kind == code_kind::copyuid) {
                if (!sp()) {
                    return false;
                }
                code.dest_uid_set = sequence_set();
                if (code.dest_uid_set.empty()) {
                    return fail("UID set");
                }
            }
            break;
        default:
            while (m_p < m_end && *m_p != ']' && *m_p != '\r' && *m_p != '\n') {
                ++m_p;
            }
            break;
    }
    skip_sp();
    code.raw_args = {args, static_cast<std::size_t>(m_p - args)};
    while (!code.raw_args.empty() && code.raw_args.back() == ' ') {
        code.raw_args.remove_suffix(1);
    }
    return expect(']', "']'");
}

bool grammar::untagged() {
    response& r = m_response;
    if (peek() >= '0' && peek() <= '9') {
        if (!number32(r.number) || !sp()) {
            return false;
        }
        r.keyword = atom();
        if (is_keyword(r.keyword, "EXISTS")) {
            r.kind = data_kind::exists;
        } else if (is_keyword(r.keyword, "RECENT")) {
            r.kind = data_kind::recent;
        } else if (is_keyword(r.keyword, "EXPUNGE")) {
            r.kind = data_kind::expunge;
        } else if (is_keyword(r.keyword, "FETCH")) {
            r.kind = data_kind::fetch;
            return sp() && fetch_data();
        } else if (r.keyword.empty()) {
            return fail("EXISTS, RECENT, EXPUNGE or FETCH");
        } else {
            return other_data();
        }
        return end_of_response();
    }
    r.keyword = atom();
    const std::string_view k = r.keyword;
    struct status_word {
        std::string_view name;
        status_kind status;
    };
    static constexpr status_word k_status[] = {
        {"OK", status_kind::ok},   {"NO", status_kind::no},           {"BAD", status_kind::bad},
        {"BYE", status_kind::bye}, {"PREAUTH", status_kind::preauth},
    };
    for (const status_word& s : k_status) {
        if (is_keyword(k, s.name)) {
            r.keyword = {};
            r.status = s.status;
            return resp_text();
        }
    }
    // The kind is set before the data is parsed: clear_response() relies on it.
    struct data_word {
        std::string_view name;
        data_kind kind;
        bool (grammar::*parse)();
    };
    static constexpr data_word k_data[] = {
        {"CAPABILITY", data_kind::capability, &grammar::capability_data},
        {"ENABLED", data_kind::enabled, &grammar::enabled_data},
        {"FLAGS", data_kind::flags, &grammar::flags_data},
        {"LIST", data_kind::list, &grammar::list_data},
        {"LSUB", data_kind::lsub, &grammar::list_data},
        {"XLIST", data_kind::xlist, &grammar::list_data},
        {"STATUS", data_kind::status, &grammar::status_data},
        {"SEARCH", data_kind::search, &grammar::search_data},
        {"SORT", data_kind::search, &grammar::search_data},
        {"ESEARCH", data_kind::esearch, &grammar::esearch_data},
        {"VANISHED", data_kind::vanished, &grammar::vanished_data},
        {"ID", data_kind::id, &grammar::id_data},
        {"NAMESPACE", data_kind::namespace_, &grammar::namespace_data},
        {"ACL", data_kind::acl, &grammar::acl_data},
        {"LISTRIGHTS", data_kind::listrights, &grammar::listrights_data},
        {"MYRIGHTS", data_kind::myrights, &grammar::myrights_data},
        {"QUOTA", data_kind::quota, &grammar::quota_data},
        {"QUOTAROOT", data_kind::quotaroot, &grammar::quotaroot_data},
        {"METADATA", data_kind::metadata, &grammar::metadata_data},
    };
    for (const data_word& d : k_data) {
        if (is_keyword(k, d.name)) {
            r.kind = d.kind;
            return (this->*d.parse)();
        }
    }
    if (k.empty()) {
        return fail("response keyword");
    }
    return other_data();
}

}  // namespace uvimap::wire::detail
