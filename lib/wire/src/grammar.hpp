// The grammar of server responses, run on one whole frame at a time. Private
// to the wire library: parser.hpp is the public face.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "arena.hpp"
#include "uvimap/wire/framer.hpp"
#include "uvimap/wire/limits.hpp"
#include "uvimap/wire/response.hpp"

namespace uvimap::wire::detail {

// Recursive descent with a depth counter. Every function returns false after
// recording the first error; nothing throws. Positions are pointers into the
// frame; the literal table of the frame says where each literal's bytes are,
// so literal data is never scanned.
class grammar {
public:
    // Copies what it needs from `lim`, so the parser can be moved.
    explicit grammar(const limits& lim) noexcept;

    // Parses `f` into m_response (reset first). Returns the response, which
    // is of type malformed if the grammar failed.
    const response& parse(const frame& f);
    const response& current() const noexcept { return m_response; }

private:
    // Resets m_response to response{}, member by member (see grammar.cpp).
    void clear_response() noexcept;

    // Cursor and errors.
    bool fail(std::string_view expected, error_kind kind = error_kind::syntax);
    char peek() const noexcept { return m_p < m_end ? *m_p : '\0'; }
    bool at_line_end() const noexcept;
    bool expect(char c, std::string_view what);
    bool end_of_response();
    // sp(), skip_sp(), open() and close() run between almost any two tokens,
    // from all three grammar files: defined here so that they inline there.
    bool sp() {
        if (peek() != ' ') {
            return fail("SP");
        }
        skip_sp();  // Double spaces: tolerated (Exchange).
        return true;
    }
    void skip_sp() noexcept {
        while (m_p < m_end && *m_p == ' ') {
            ++m_p;
        }
    }
    bool open() {
        if (peek() != '(') {
            return fail("'('");
        }
        if (++m_depth > m_max_depth) {
            return fail("nesting within limits::max_depth", error_kind::nesting_too_deep);
        }
        ++m_p;
        skip_sp();
        return true;
    }
    bool close() {
        skip_sp();
        if (peek() != ')') {
            return fail("')'");
        }
        ++m_p;
        --m_depth;
        return true;
    }
    // `(` and then `keyword` (any case), as in `(EARLIER)`; on another word,
    // fails at its start, expecting the keyword.
    bool open_keyword(std::string_view keyword);

    // Tokens.
    std::string_view atom();
    std::string_view astring_atom();
    std::string_view flag();
    std::string_view sequence_set();
    std::string_view text();
    bool number(std::uint64_t& out);
    bool number32(std::uint32_t& out);
    bool signed_number(std::int64_t& out);
    bool is_nil() const noexcept;
    // Consumes NIL if it comes next; the caller then stores its empty value.
    bool skip_nil() noexcept;
    // True at '"', '{' or "~{": the start of a quoted string or a literal.
    bool starts_string() const noexcept {
        return m_p < m_end &&
               (*m_p == '"' || *m_p == '{' || (*m_p == '~' && m_p + 1 < m_end && m_p[1] == '{'));
    }

    // Strings. `lenient` is the iCloud unescaped-quote mode used in envelopes.
    bool quoted(string_value& out, bool lenient);
    bool literal(string_value& out);
    bool string(string_value& out, bool lenient = false);
    bool nstring(string_value& out, bool lenient = false);
    bool astring(string_value& out);
    bool skip_value();

    // Lists.
    bool flag_list(std::span<const std::string_view>& out);
    bool capabilities(std::span<const std::string_view>& out, bool in_code);

    // `(` element *(SP element) `)`, extra spaces tolerated: parses each
    // element with `element(T&)` onto `stack` and freezes them into `out`.
    // One loop for every list shape keeps the depth accounting (open/close)
    // and the scratch-stack discipline in one place. With `groups`, each
    // element is itself parenthesised and the list ends at the first byte
    // that is not `(`, so a stray token is reported as a missing `)`.
    template <class T, class F>
    bool list_of(std::vector<T>& stack, std::span<const T>& out, F&& element, bool groups = false) {
        if (!open()) {
            return false;
        }
        const std::size_t mark = stack.size();
        while (groups ? peek() == '(' : peek() != ')') {
            T item{};
            if (!element(item)) {
                return false;
            }
            stack.push_back(item);
            skip_sp();
        }
        out = freeze(stack, mark);
        return close();
    }

    // Runs `parse()` on a value and sets `raw` to the bytes it consumed, so
    // that the value as sent stays beside its parsed form.
    template <class F>
    bool raw_value(std::string_view& raw, F&& parse) {
        const char* start = m_p;
        if (!parse()) {
            return false;
        }
        raw = {start, static_cast<std::size_t>(m_p - start)};
        return true;
    }

    // *(SP element) up to the end of the line, extra spaces tolerated:
    // parses each element with `element(T&)` onto `stack` and freezes them
    // into `out`. Anything but SP after an element (a glued `()`, say) fails
    // there rather than being dropped.
    template <class T, class F>
    bool spaced_to_line_end(std::vector<T>& stack, std::span<const T>& out, F&& element) {
        const std::size_t mark = stack.size();
        while (!at_line_end()) {
            if (!sp()) {
                return false;
            }
            if (at_line_end()) {
                break;  // Trailing spaces (Exchange).
            }
            T item{};
            if (!element(item)) {
                return false;
            }
            stack.push_back(item);
        }
        out = freeze(stack, mark);
        return true;
    }

    // Responses (grammar.cpp).
    bool response_line();
    bool continue_req();
    bool resp_text();
    bool resp_code();
    bool untagged();

    // Untagged data (grammar_data.cpp), one function per keyword; each
    // parses what follows the keyword up to the end of the response.
    bool capability_data();
    bool enabled_data();
    bool capability_list(bool allow_empty);
    bool flags_data();
    bool id_data();
    bool namespace_data();
    bool namespace_list(std::span<const namespace_desc>& out);
    bool list_data();
    bool list_mailbox(string_value& out);
    bool list_extended(std::span<const list_ext_item>& out);
    bool status_data();
    bool status_value(status_item& item);
    bool search_data();
    bool esearch_data();
    bool vanished_data();
    bool other_data();

    // ACL, QUOTA and METADATA data (grammar_admin.cpp).
    bool acl_data();
    bool listrights_data();
    bool myrights_data();
    bool quota_data();
    bool quotaroot_data();
    bool metadata_data();

    // FETCH (grammar_fetch.cpp).
    bool fetch_data();
    bool fetch_item_value(fetch_item& item);
    bool envelope(const wire::envelope*& out);
    bool address_list(std::span<const address>& out);
    bool body(wire::body& out);
    bool body_single(wire::body& out, const string_value& type);
    bool body_extensions(wire::body& out);
    bool body_params(std::span<const body_param>& out);
    bool body_disposition(wire::body_disposition& out);
    bool body_language(std::span<const string_value>& out);
    bool more_in_list();

    std::size_t m_max_depth;
    const frame* m_frame = nullptr;
    const char* m_begin = nullptr;
    const char* m_p = nullptr;
    const char* m_end = nullptr;
    std::size_t m_literal_index = 0;
    std::size_t m_depth = 0;
    bool m_failed = false;
    response m_response;
    arena m_arena;

    // Scratch stacks: lists are built on top, frozen into the arena when they
    // close, and popped, so nested lists of the same type share one vector.
    std::vector<std::string_view> m_views;
    std::vector<string_value> m_strings;
    std::vector<address> m_addresses;
    std::vector<wire::body> m_bodies;
    std::vector<body_param> m_params;
    std::vector<fetch_item> m_items;
    std::vector<std::uint32_t> m_numbers;
    std::vector<list_ext_item> m_list_ext;
    std::vector<status_item> m_status_items;
    std::vector<esearch_item> m_esearch_items;
    std::vector<id_param> m_id_params;
    std::vector<namespace_desc> m_namespaces;
    std::vector<acl_entry> m_acl_entries;
    std::vector<quota_resource> m_quota_resources;
    std::vector<metadata_entry> m_metadata_entries;

    template <class T>
    std::span<const T> freeze(std::vector<T>& stack, std::size_t mark) {
        std::span<const T> out = m_arena.copy(stack.data() + mark, stack.size() - mark);
        stack.resize(mark);
        return out;
    }
};

}  // namespace uvimap::wire::detail
