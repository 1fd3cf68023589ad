// Encode -> parse gives the same command back, for many commands and under
// every combination of connection options that changes the bytes.
#include <doctest/doctest.h>

#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "cmd_parser.hpp"
#include "uvimap/wire/encoder.hpp"

using namespace uvimap::wire;

namespace {

using tk = section_spec::text_kind;

std::vector<command> sample_commands() {
    std::vector<command> out = {
        capability_command{},
        starttls_command{},
        namespace_command{},
        idle_command{},
        noop_command{},
        check_command{},
        close_command{},
        unselect_command{},
        logout_command{},
        login_command{"alice", secret("hunter2")},
        login_command{"bob smith", secret("a\"b\\c")},
        login_command{"NIL", secret("")},
        login_command{"J\xc3\xb6rg", secret("p\"ss\n")},
        login_command{"u", secret(std::string(5000, 'z'))},
        authenticate_command{"GSSAPI", std::nullopt},
        enable_command{{"UTF8=ACCEPT", "QRESYNC"}},
        id_command{},
        id_command{std::vector<id_command::field>{}},
        id_command{std::vector<id_command::field>{
            {"name", "uvimap"}, {"version", "0.1 beta"}, {"os", std::nullopt}}},
        list_command{},
        list_command{{"SUBSCRIBED", "RECURSIVEMATCH"},
                     "",
                     {"INBOX", "Entw\xc3\xbcrfe/%", "~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/*"},
                     true,
                     true,
                     true,
                     {status_attr::messages, status_attr::uidnext, status_attr::highestmodseq}},
        list_command{{}, "Archive/", {"My Folder*"}, false, false, false, {status_attr::size}},
        lsub_command{},
        lsub_command{"#news.", "comp.mail.%"},
        status_command{"INBOX",
                       {status_attr::messages, status_attr::recent, status_attr::uidnext,
                        status_attr::uidvalidity, status_attr::unseen}},
        status_command{"\xd0\x9e\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd"
                       "\xd0\xbd\xd1\x8b\xd0\xb5",
                       {status_attr::deleted, status_attr::size}},
        status_command{"Archive", {status_attr::mailboxid, status_attr::messages}},
        select_command{"INBOX"},
        select_command{"Sent & Drafts", true},
        select_command{"[Gmail]/All Mail", false, true},
        select_command{
            "\xf0\x9f\x98\x80 emoji", true, true,
            qresync_params{
                67890007, 20050715194045000ull, *parse_uid_set("41,43:211,214:541"),
                std::make_pair(*parse_sequence_set("1,3:4"), *parse_uid_set("41,43:44"))}},
        select_command{"INBOX", false, false, qresync_params{1, 2, std::nullopt, std::nullopt}},
        fetch_command{false, sequence_set::all(), {fetch_att::simple(fetch_att_kind::full)}},
        fetch_command{
            true,
            *parse_sequence_set("1:3,5,7:*"),
            {fetch_att::simple(fetch_att_kind::flags), fetch_att::simple(fetch_att_kind::uid),
             fetch_att::simple(fetch_att_kind::internaldate),
             fetch_att::simple(fetch_att_kind::rfc822_size),
             fetch_att::simple(fetch_att_kind::envelope),
             fetch_att::simple(fetch_att_kind::bodystructure),
             fetch_att::simple(fetch_att_kind::body), fetch_att::simple(fetch_att_kind::rfc822),
             fetch_att::simple(fetch_att_kind::rfc822_header),
             fetch_att::simple(fetch_att_kind::rfc822_text),
             fetch_att::simple(fetch_att_kind::modseq)},
            99,
            true},
        fetch_command{
            false,
            sequence_set::single(4),
            {fetch_att::body_section(section_spec{}, false),
             fetch_att::body_section(section_spec{{}, tk::header}),
             fetch_att::body_section(
                 section_spec{{}, tk::header_fields, {"From", "Subject", "Message-ID"}}),
             fetch_att::body_section(
                 section_spec{{2}, tk::header_fields_not, {"Received", "X Odd"}}),
             fetch_att::body_section(section_spec{{1, 2, 3}, tk::text, {}}, true,
                                     partial_range{0, 100}),
             fetch_att::body_section(section_spec{{1}, tk::mime, {}}),
             fetch_att::body_section(section_spec{{1, 2}, tk::none, {}}, false,
                                     partial_range{1024, 2048}),
             fetch_att::binary({}, true), fetch_att::binary({1, 2}, false, partial_range{5, 6}),
             fetch_att::binary_size({3})},
            std::nullopt,
            false},
        search_command{false, std::nullopt, {search_key::flag(search_kind::all)}, std::nullopt},
        search_command{
            true,
            std::string("UTF-8"),
            {search_key::flag(search_kind::unseen),
             search_key::string(search_kind::subject,
                                "Gr\xc3\xbc\xc3\x9f"
                                "e"),
             search_key::string(search_kind::body, "line one\r\nline two"),
             search_key::string(search_kind::from, "alice@example.com"),
             search_key::string(search_kind::to, ""),
             search_key::header("List-Id", "\"quoted\" <list.example.com>"),
             search_key::date_key(search_kind::sentbefore, search_date{2026, 11, 27}),
             search_key::date_key(search_kind::since, search_date{1994, 2, 1}),
             search_key::not_key(search_key::or_key(
                 search_key::flag(search_kind::deleted),
                 search_key::and_key({search_key::string(search_kind::keyword, "$Junk"),
                                      search_key::number_key(search_kind::smaller, 512)}))),
             search_key::set_key(search_kind::uid, *parse_sequence_set("100:*")),
             search_key::set_key(search_kind::sequence, *parse_sequence_set("1,2,5:9")),
             search_key::number_key(search_kind::modseq, 720162338),
             search_key::string(search_kind::unkeyword, "NonJunk")},
            std::vector<search_return>{search_return::min, search_return::max, search_return::count,
                                       search_return::all, search_return::save}},
        search_command{false,
                       std::nullopt,
                       {search_key::flag(search_kind::recent)},
                       std::vector<search_return>{}},
    };
    return out;
}

struct option_set {
    const char* name;
    encoder_options options;
};

std::vector<option_set> option_sets() {
    std::vector<option_set> sets;
    encoder_options o;
    sets.push_back({"plain", o});
    o.literals = literal_extension::literal_minus;
    sets.push_back({"LITERAL-", o});
    o.literals = literal_extension::literal_plus;
    sets.push_back({"LITERAL+", o});
    o.utf8_accept = true;
    sets.push_back({"LITERAL+ UTF8=ACCEPT", o});
    o.literals = literal_extension::none;
    o.max_quoted_size = 8;
    sets.push_back({"UTF8=ACCEPT short quoted", o});
    return sets;
}

void check_round_trip(const command& cmd, const option_set& set) {
    auto enc = encode_command("T42", cmd, set.options);
    REQUIRE_MESSAGE(enc.has_value(), to_string(enc.error().code));
    const std::string bytes = enc->bytes();
    CAPTURE(bytes);
    // Fragments alternate correctly: every literal is preceded by a line
    // that ends in its announcement, and the command ends with a line.
    REQUIRE(!enc->fragments.empty());
    CHECK(enc->fragments.back().kind == fragment_kind::line);
    for (std::size_t i = 0; i < enc->fragments.size(); ++i) {
        const fragment& f = enc->fragments[i];
        if (f.kind == fragment_kind::literal) {
            REQUIRE(i > 0);
            const std::string& prev = enc->fragments[i - 1].bytes;
            const std::string size = std::to_string(f.bytes.size());
            const std::string suffix =
                size + (f.mode == literal_mode::non_sync ? "+}\r\n" : "}\r\n");
            CHECK(prev.size() >= suffix.size());
            CHECK(prev.compare(prev.size() - suffix.size(), suffix.size(), suffix) == 0);
        } else {
            CHECK(f.bytes.ends_with("\r\n"));
        }
    }
    const name_encoding names =
        set.options.utf8_accept ? name_encoding::utf8 : name_encoding::mutf7;
    auto parsed = test::parse_command(bytes, names);
    REQUIRE_MESSAGE(parsed.has_value(), parsed.error());
    CHECK(parsed->tag == "T42");
    CHECK(command_name(parsed->cmd) == command_name(cmd));
    CHECK(parsed->cmd == cmd);
    // Secrets never reach the redacted form.
    if (const auto* login = std::get_if<login_command>(&cmd); login && login->password.size() > 3) {
        CHECK(enc->redacted().find(login->password.expose()) == std::string::npos);
    }
}

// Random commands for the property test: the generator picks only values
// the encoder accepts, so every generated command must round-trip.
class command_generator {
public:
    explicit command_generator(std::uint32_t seed) : m_rng(seed) {}

    std::string text() {
        static const char* pieces[] = {"a", "Zq",   " ", "\"",       "\\",           "%", "(",
                                       "]", "\r\n", "-", "\xc3\xa9", "\xe2\x82\xac", "\t"};
        std::string s;
        const int n = below(6);
        for (int i = 0; i < n; ++i)
            s += pieces[below(std::size(pieces))];
        return s;
    }

    sequence_set set() {
        std::vector<std::uint32_t> numbers;
        const int n = 1 + below(6);
        for (int i = 0; i < n; ++i)
            numbers.push_back(1 + static_cast<std::uint32_t>(below(30)));
        auto s = *sequence_set::from_numbers(numbers);
        if (below(3) == 0)
            s.add(seq_range{40, star});
        return s;
    }

    search_key key(int depth) {
        switch (below(depth > 2 ? 6 : 9)) {
            case 0:
                return search_key::flag(search_kind::flagged);
            case 1:
                return search_key::string(search_kind::subject, text());
            case 2:
                return search_key::header(below(2) ? "X-Tag" : "Reply To", text());
            case 3:
                return search_key::date_key(search_kind::before,
                                            search_date{1990 + below(40), 1 + unsigned(below(12)),
                                                        1 + unsigned(below(28))});
            case 4:
                return search_key::number_key(search_kind::larger,
                                              static_cast<std::uint64_t>(below(100000)));
            case 5:
                return search_key::set_key(below(2) ? search_kind::uid : search_kind::sequence,
                                           set());
            case 6:
                return search_key::not_key(key(depth + 1));
            case 7:
                return search_key::or_key(key(depth + 1), key(depth + 1));
            default: {
                std::vector<search_key> keys;
                const int n = 1 + below(3);
                for (int i = 0; i < n; ++i)
                    keys.push_back(key(depth + 1));
                return search_key::and_key(std::move(keys));
            }
        }
    }

    fetch_att att() {
        switch (below(5)) {
            case 0:
                return fetch_att::simple(below(2) ? fetch_att_kind::envelope : fetch_att_kind::uid);
            case 1: {
                section_spec s;
                for (int i = below(3); i > 0; --i)
                    s.part.push_back(1 + static_cast<std::uint32_t>(below(5)));
                s.text = s.part.empty() ? section_spec::text_kind::header_fields
                                        : section_spec::text_kind::mime;
                if (s.part.empty())
                    s.fields = {"From", text() + "x"};
                return fetch_att::body_section(s, below(2) == 0);
            }
            case 2:
                return fetch_att::body_section(
                    section_spec{}, true,
                    partial_range{static_cast<std::uint64_t>(below(100)),
                                  1 + static_cast<std::uint64_t>(below(100))});
            case 3:
                return fetch_att::binary({1, 2}, below(2) == 0);
            default:
                return fetch_att::binary_size({});
        }
    }

    command next() {
        switch (below(4)) {
            case 0: {
                search_command c;
                c.uid = below(2) == 0;
                if (below(2))
                    c.charset = "UTF-8";
                const int n = 1 + below(4);
                for (int i = 0; i < n; ++i)
                    c.criteria.push_back(key(0));
                return c;
            }
            case 1: {
                fetch_command c;
                c.uid = below(2) == 0;
                c.set = set();
                const int n = 1 + below(4);
                for (int i = 0; i < n; ++i)
                    c.items.push_back(att());
                if (below(2))
                    c.changed_since = 1 + static_cast<std::uint64_t>(below(1000));
                c.vanished = c.uid && c.changed_since && below(2);
                return c;
            }
            case 2:
                return login_command{text(), secret(text())};
            default:
                return status_command{"box " + text(), {status_attr::messages}};
        }
    }

private:
    int below(std::size_t n) {
        return static_cast<int>(std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng));
    }

    std::mt19937 m_rng;
};

}  // namespace

TEST_SUITE("command round trip") {
    TEST_CASE("every sample command survives encode and parse under every option set") {
        const auto commands = sample_commands();
        for (const option_set& set : option_sets()) {
            for (std::size_t i = 0; i < commands.size(); ++i) {
                const std::string set_name = set.name;
                CAPTURE(set_name);
                CAPTURE(i);
                check_round_trip(commands[i], set);
            }
        }
    }

    TEST_CASE("AUTHENTICATE initial responses round-trip under SASL-IR") {
        encoder_options o;
        o.sasl_ir = true;
        const option_set set{"SASL-IR", o};
        check_round_trip(authenticate_command{"PLAIN", secret(std::string("\0alice\0pw", 9))}, set);
        check_round_trip(authenticate_command{"EXTERNAL", secret("")}, set);
        check_round_trip(authenticate_command{"XOAUTH2", secret("user=a\x01"
                                                                "auth=Bearer x\x01\x01")},
                         set);
    }

    TEST_CASE("NUL-bearing strings round-trip only as BINARY literals") {
        encoder_options o;
        o.binary = true;
        check_round_trip(login_command{"alice", secret(std::string("p\0w", 3))}, {"BINARY", o});
        o.literals = literal_extension::literal_plus;
        check_round_trip(login_command{"alice", secret(std::string("p\0w", 3))},
                         {"BINARY LITERAL+", o});
    }

    TEST_CASE("random mailbox names and strings round-trip") {
        std::mt19937 rng(9051);
        const std::vector<std::string> pieces = {
            "a",
            "Z",
            " ",
            "&",
            "\"",
            "\\",
            "%",
            "*",
            "]",
            "[",
            "(",
            ")",
            "{",
            "}",
            "\r\n",
            "\xc3\xbc",
            "\xe5\x8f\xb0",
            "\xf0\x9f\x98\x80",
            "~",
            "/",
            ".",
            "NIL",
            "inbox",
        };
        std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
        std::uniform_int_distribution<int> length(0, 12);
        const auto sets = option_sets();
        for (int iteration = 0; iteration < 400; ++iteration) {
            std::string s;
            const int n = length(rng);
            for (int i = 0; i < n; ++i)
                s += pieces[pick(rng)];
            const option_set& set = sets[static_cast<std::size_t>(iteration) % sets.size()];
            CAPTURE(s);
            // CR and LF cannot be in a mailbox name's quoted form, but a
            // literal carries them; the encoder decides which.
            select_command sel{s, iteration % 2 == 0};
            // The encoder sends any spelling of INBOX as INBOX, by design.
            std::string upper = s;
            for (char& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (upper == "INBOX")
                sel.mailbox = "INBOX";
            check_round_trip(sel, set);
            check_round_trip(login_command{s, secret(s + "!")}, set);
            check_round_trip(
                search_command{
                    false, std::nullopt, {search_key::string(search_kind::text, s)}, std::nullopt},
                set);
        }
    }

    TEST_CASE("the test command parser refuses bad input without throwing or overflowing") {
        // Found by fuzz_command, which feeds this parser any bytes.
        std::string deep = "a1 SEARCH";
        for (int i = 0; i < 100000; ++i)
            deep += " NOT";
        deep += " ALL\r\n";
        const std::string inputs[] = {
            "b1 SEARCH SENTBEFORE N-27ov-2026\r\n",
            "b1 SEARCH ON 1-Jan-99999999999999999999\r\n",
            "b1 SEARCH SINCE --\r\n",
            deep,
        };
        for (const std::string& input : inputs) {
            CAPTURE(input.substr(0, 60));
            CHECK_FALSE(test::parse_command(input, name_encoding::mutf7).has_value());
        }
    }

    TEST_CASE("randomly generated commands round-trip under every option set") {
        command_generator gen(6855);
        const auto sets = option_sets();
        for (int iteration = 0; iteration < 1500; ++iteration) {
            const command cmd = gen.next();
            const option_set& set = sets[static_cast<std::size_t>(iteration) % sets.size()];
            CAPTURE(iteration);
            check_round_trip(cmd, set);
        }
    }
}
