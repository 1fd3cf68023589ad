// The command encoder: exact bytes for every command, fragment boundaries
// around literals, string form selection, secrets, and errors as values.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "uvimap/wire/encoder.hpp"

using namespace uvimap::wire;

namespace {

encoded_command must_encode(const command& cmd, const encoder_options& options = {}) {
    auto result = encode_command("A1", cmd, options);
    REQUIRE_MESSAGE(result.has_value(), to_string(result.error().code));
    return *result;
}

std::string bytes_of(const command& cmd, const encoder_options& options = {}) {
    return must_encode(cmd, options).bytes();
}

encode_errc error_of(const command& cmd, const encoder_options& options = {}) {
    auto result = encode_command("A1", cmd, options);
    REQUIRE_FALSE(result.has_value());
    return result.error().code;
}

fragment line(std::string bytes, std::vector<byte_range> secrets = {}) {
    return fragment{fragment_kind::line, std::move(bytes), literal_mode::sync, false,
                    std::move(secrets)};
}

fragment literal(std::string bytes, literal_mode mode, bool is_secret = false) {
    fragment f{fragment_kind::literal, std::move(bytes), mode, false, {}};
    if (is_secret)
        f.secrets.push_back(byte_range{0, f.bytes.size()});
    return f;
}

encoder_options with_literals(literal_extension ext) {
    encoder_options o;
    o.literals = ext;
    return o;
}

}  // namespace

TEST_SUITE("command encoder") {
    TEST_CASE("commands without arguments encode as one line") {
        struct row {
            command cmd;
            const char* bytes;
        };
        const row rows[] = {
            {capability_command{}, "A1 CAPABILITY\r\n"},
            {starttls_command{}, "A1 STARTTLS\r\n"},
            {namespace_command{}, "A1 NAMESPACE\r\n"},
            {idle_command{}, "A1 IDLE\r\n"},
            {noop_command{}, "A1 NOOP\r\n"},
            {check_command{}, "A1 CHECK\r\n"},
            {close_command{}, "A1 CLOSE\r\n"},
            {unselect_command{}, "A1 UNSELECT\r\n"},
            {logout_command{}, "A1 LOGOUT\r\n"},
        };
        for (const row& r : rows) {
            auto enc = must_encode(r.cmd);
            CHECK(enc.tag == "A1");
            REQUIRE(enc.fragments.size() == 1);
            CHECK(enc.fragments[0] == line(r.bytes));
        }
        CHECK(encode_done() == line("DONE\r\n"));
    }

    TEST_CASE("LOGIN with a password that needs a literal waits for the continuation") {
        login_command cmd{"alice", secret("p\"ss\n")};
        auto enc = must_encode(cmd);
        REQUIRE(enc.fragments.size() == 3);
        CHECK(enc.fragments[0] == line("A1 LOGIN alice {5}\r\n"));
        CHECK(enc.fragments[1] == literal("p\"ss\n", literal_mode::sync, true));
        CHECK(enc.fragments[2] == line("\r\n"));
        CHECK(enc.sync_literal_count() == 1);
        CHECK(enc.bytes() == "A1 LOGIN alice {5}\r\np\"ss\n\r\n");
        CHECK(enc.redacted() == "A1 LOGIN alice {5}\r\n<redacted>\r\n");
    }

    TEST_CASE("LOGIN under LITERAL+ sends a non-synchronizing literal") {
        login_command cmd{"alice", secret("p\"ss\n")};
        auto enc = must_encode(cmd, with_literals(literal_extension::literal_plus));
        REQUIRE(enc.fragments.size() == 3);
        CHECK(enc.fragments[0] == line("A1 LOGIN alice {5+}\r\n"));
        CHECK(enc.fragments[1] == literal("p\"ss\n", literal_mode::non_sync, true));
        CHECK(enc.sync_literal_count() == 0);
    }

    TEST_CASE("LOGIN marks an atom or quoted password as secret") {
        auto plain = must_encode(login_command{"alice", secret("hunter2")});
        REQUIRE(plain.fragments.size() == 1);
        CHECK(plain.fragments[0] == line("A1 LOGIN alice hunter2\r\n", {{15, 7}}));
        CHECK(plain.redacted() == "A1 LOGIN alice <redacted>\r\n");

        auto quoted = must_encode(login_command{"bob smith", secret("a\"b\\c d")});
        CHECK(quoted.bytes() == "A1 LOGIN \"bob smith\" \"a\\\"b\\\\c d\"\r\n");
        CHECK(quoted.redacted() == "A1 LOGIN \"bob smith\" <redacted>\r\n");
    }

    TEST_CASE("two literals in one command give two waits") {
        login_command cmd{"J\xc3\xb6rg", secret("pa\r\nss")};
        auto enc = must_encode(cmd);
        REQUIRE(enc.fragments.size() == 5);
        CHECK(enc.fragments[0] == line("A1 LOGIN {5}\r\n"));
        CHECK(enc.fragments[1] == literal("J\xc3\xb6rg", literal_mode::sync));
        CHECK(enc.fragments[2] == line(" {6}\r\n"));
        CHECK(enc.fragments[3] == literal("pa\r\nss", literal_mode::sync, true));
        CHECK(enc.fragments[4] == line("\r\n"));
        CHECK(enc.sync_literal_count() == 2);
    }

#if __has_include(<fmt/core.h>)
    // Only the declaration is checked: test_wire does not link libfmt.
    static_assert(fmt::is_formattable<secret>::value);
#endif

    TEST_CASE("a secret is printed as redacted everywhere") {
        secret s("hunter2");
        std::ostringstream os;
        os << s << ' ' << login_command{"alice", s}.password;
        CHECK(os.str() == "<redacted> <redacted>");
        CHECK(to_string(s) == "<redacted>");
        CHECK(s.expose() == "hunter2");
    }

    TEST_CASE("AUTHENTICATE with and without SASL-IR") {
        CHECK(bytes_of(authenticate_command{"GSSAPI", std::nullopt}) ==
              "A1 AUTHENTICATE GSSAPI\r\n");
        encoder_options ir;
        ir.sasl_ir = true;
        auto enc =
            must_encode(authenticate_command{"PLAIN", secret(std::string("\0alice\0pw", 9))}, ir);
        CHECK(enc.bytes() == "A1 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n");
        CHECK(enc.redacted() == "A1 AUTHENTICATE PLAIN <redacted>\r\n");
        CHECK(bytes_of(authenticate_command{"EXTERNAL", secret("")}, ir) ==
              "A1 AUTHENTICATE EXTERNAL =\r\n");
        CHECK(error_of(authenticate_command{"PLAIN", secret("x")}) ==
              encode_errc::sasl_ir_unavailable);
        CHECK(error_of(authenticate_command{"PL AIN", std::nullopt}) == encode_errc::invalid_atom);

        CHECK(encode_sasl_response(secret("ab")) == line("YWI=\r\n", {{0, 4}}));
        CHECK(encode_sasl_response(secret("")) == line("\r\n"));
        CHECK(encode_sasl_cancel() == line("*\r\n"));
        CHECK(base64_encode("a") == "YQ==");
    }

    TEST_CASE("base64 decodes what it encodes and nothing that is not canonical") {
        for (std::string_view plain : {"", "a", "ab", "abc", "abcd", "\xff\x80\x7f"}) {
            CAPTURE(plain);
            CHECK(base64_decode(base64_encode(plain)) == std::string(plain));
        }
        CHECK(base64_decode("AGFsaWNlAHB3") == std::string("\0alice\0pw", 9));
        for (std::string_view bad :
             {"YQ=", "YQ", "Y===", "====", "YQ=a", "Y=Q=", "YR==", "YW!=", "YWI-", "YW\r\n"}) {
            CAPTURE(bad);
            CHECK_FALSE(base64_decode(bad).has_value());
        }
    }

    TEST_CASE("ENABLE and ID") {
        CHECK(bytes_of(enable_command{{"UTF8=ACCEPT", "CONDSTORE"}}) ==
              "A1 ENABLE UTF8=ACCEPT CONDSTORE\r\n");
        CHECK(error_of(enable_command{}) == encode_errc::empty_list);
        CHECK(bytes_of(id_command{}) == "A1 ID NIL\r\n");
        // RFC 2971 wants `string` for fields, so even atom-like names are quoted.
        id_command id{std::vector<id_command::field>{{"name", "uvimap"}, {"vendor", std::nullopt}}};
        CHECK(bytes_of(id) == "A1 ID (\"name\" \"uvimap\" \"vendor\" NIL)\r\n");
        id_command too_long{std::vector<id_command::field>{{std::string(31, 'x'), "v"}}};
        CHECK(error_of(too_long) == encode_errc::id_limits_exceeded);
        id_command too_many{std::vector<id_command::field>(31, {"k", "v"})};
        CHECK(error_of(too_many) == encode_errc::id_limits_exceeded);
    }

    TEST_CASE("LIST, LSUB and STATUS") {
        CHECK(bytes_of(list_command{}) == "A1 LIST \"\" *\r\n");
        list_command ext;
        ext.selection_options = {"SUBSCRIBED"};
        ext.patterns = {"INBOX", "Entw\xc3\xbcrfe/%"};
        ext.return_children = true;
        ext.return_special_use = true;
        ext.return_status = {status_attr::messages, status_attr::uidnext};
        CHECK(bytes_of(ext) ==
              "A1 LIST (SUBSCRIBED) \"\" (INBOX Entw&APw-rfe/%) RETURN (CHILDREN SPECIAL-USE "
              "STATUS (MESSAGES UIDNEXT))\r\n");
        list_command spaced;
        spaced.reference = "Archive/";
        spaced.patterns = {"My Folder*"};
        spaced.return_subscribed = true;
        CHECK(bytes_of(spaced) == "A1 LIST Archive/ \"My Folder*\" RETURN (SUBSCRIBED)\r\n");
        CHECK(bytes_of(lsub_command{}) == "A1 LSUB \"\" *\r\n");
        CHECK(bytes_of(status_command{"Entw\xc3\xbcrfe",
                                      {status_attr::messages, status_attr::unseen}}) ==
              "A1 STATUS Entw&APw-rfe (MESSAGES UNSEEN)\r\n");
        CHECK(bytes_of(status_command{"INBOX", {status_attr::mailboxid}}) ==
              "A1 STATUS INBOX (MAILBOXID)\r\n");
        CHECK(error_of(status_command{"INBOX", {}}) == encode_errc::empty_list);
        // `other` names no keyword: there is nothing to send for it.
        CHECK(error_of(status_command{"INBOX", {status_attr::messages, status_attr::other}}) ==
              encode_errc::invalid_atom);
        CHECK(error_of(list_command{{}, "", {}, false, false, false, {}}) ==
              encode_errc::empty_list);
    }

    TEST_CASE("INBOX is case-insensitive and always sent as INBOX") {
        CHECK(bytes_of(select_command{"inbox"}) == "A1 SELECT INBOX\r\n");
        CHECK(bytes_of(select_command{"InBoX", true}) == "A1 EXAMINE INBOX\r\n");
        CHECK(bytes_of(select_command{"inbox/sub"}) == "A1 SELECT inbox/sub\r\n");
    }

    TEST_CASE("mailbox names follow UTF8=ACCEPT") {
        encoder_options utf8;
        utf8.utf8_accept = true;
        CHECK(bytes_of(select_command{"Entw\xc3\xbcrfe"}) == "A1 SELECT Entw&APw-rfe\r\n");
        CHECK(bytes_of(select_command{"Entw\xc3\xbcrfe"}, utf8) ==
              "A1 SELECT \"Entw\xc3\xbcrfe\"\r\n");
        CHECK(bytes_of(select_command{"a&b"}) == "A1 SELECT a&-b\r\n");
        CHECK(bytes_of(select_command{"a&b"}, utf8) == "A1 SELECT a&b\r\n");
        CHECK(error_of(select_command{"bad\xff"}) == encode_errc::invalid_utf8);
        CHECK(error_of(select_command{"bad\xff"}, utf8) == encode_errc::invalid_utf8);
        CHECK(error_of(select_command{std::string("a\0b", 3)}) == encode_errc::nul_not_allowed);
        CHECK(error_of(select_command{std::string("a\0b", 3)}, utf8) ==
              encode_errc::nul_not_allowed);
    }

    TEST_CASE("SELECT and EXAMINE with CONDSTORE and QRESYNC") {
        CHECK(bytes_of(select_command{"INBOX", true, true}) == "A1 EXAMINE INBOX (CONDSTORE)\r\n");
        select_command q{"INBOX", false, false,
                         qresync_params{67890007, 20050715194045000ull,
                                        *parse_uid_set("41,43:211,214:541"), std::nullopt}};
        CHECK(bytes_of(q) ==
              "A1 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n");
        q.qresync->seq_match = std::make_pair(*parse_sequence_set("1,3"), *parse_uid_set("41,43"));
        CHECK(bytes_of(q) ==
              "A1 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541 (1,3 "
              "41,43)))\r\n");
        select_command bare{"INBOX", false, false,
                            qresync_params{1, 2, std::nullopt, std::nullopt}};
        CHECK(bytes_of(bare) == "A1 SELECT INBOX (QRESYNC (1 2))\r\n");
        select_command star_uids{"INBOX", false, false,
                                 qresync_params{1, 2, sequence_set::all(), std::nullopt}};
        CHECK(error_of(star_uids) == encode_errc::invalid_sequence_set);
        select_command zero{"INBOX", false, false,
                            qresync_params{0, 2, std::nullopt, std::nullopt}};
        CHECK(error_of(zero) == encode_errc::number_out_of_range);
    }

    TEST_CASE("FETCH with simple items, macros and sections") {
        fetch_command f;
        f.set = sequence_set::all();
        for (auto a : {fetch_att_kind::flags, fetch_att_kind::uid, fetch_att_kind::internaldate,
                       fetch_att_kind::rfc822_size, fetch_att_kind::envelope,
                       fetch_att_kind::bodystructure}) {
            f.items.push_back(fetch_att::simple(a));
        }
        CHECK(bytes_of(f) ==
              "A1 FETCH 1:* (FLAGS UID INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)\r\n");

        CHECK(bytes_of(fetch_command{
                  false, sequence_set::single(2), {fetch_att::simple(fetch_att_kind::fast)}}) ==
              "A1 FETCH 2 FAST\r\n");

        using tk = section_spec::text_kind;
        fetch_command s;
        s.uid = true;
        s.set = *sequence_set::from_numbers(std::vector<std::uint32_t>{1, 2, 3, 5});
        s.items = {
            fetch_att::body_section(section_spec{{}, tk::header_fields, {"From", "Subject"}}),
            fetch_att::body_section(section_spec{{1, 2}, tk::text, {}}, true,
                                    partial_range{0, 100}),
            fetch_att::body_section(section_spec{}, false),
            fetch_att::body_section(section_spec{{1}, tk::mime, {}}),
            fetch_att::body_section(section_spec{{}, tk::header_fields_not, {"Received"}}),
            fetch_att::binary({1}, true, partial_range{0, 100}),
            fetch_att::binary_size({1}),
            fetch_att::simple(fetch_att_kind::modseq),
        };
        s.changed_since = 12345;
        s.vanished = true;
        CHECK(bytes_of(s) ==
              "A1 UID FETCH 1:3,5 (BODY.PEEK[HEADER.FIELDS (From Subject)] "
              "BODY.PEEK[1.2.TEXT]<0.100> "
              "BODY[] BODY.PEEK[1.MIME] BODY.PEEK[HEADER.FIELDS.NOT (Received)] "
              "BINARY.PEEK[1]<0.100> BINARY.SIZE[1] MODSEQ) (CHANGEDSINCE 12345 VANISHED)\r\n");
    }

    TEST_CASE("FETCH errors") {
        fetch_command f{false, sequence_set::all(), {fetch_att::simple(fetch_att_kind::all)}};
        f.items.push_back(fetch_att::simple(fetch_att_kind::uid));
        CHECK(error_of(f) == encode_errc::macro_not_alone);
        f.items = {fetch_att::simple(fetch_att_kind::uid), fetch_att::simple(fetch_att_kind::full)};
        CHECK(error_of(f) == encode_errc::macro_not_alone);
        f.items = {};
        CHECK(error_of(f) == encode_errc::empty_list);
        f.items = {fetch_att::simple(fetch_att_kind::uid)};
        f.vanished = true;
        f.changed_since = 1;
        CHECK(error_of(f) == encode_errc::vanished_requires_uid_changedsince);
        f.uid = true;
        f.changed_since = std::nullopt;
        CHECK(error_of(f) == encode_errc::vanished_requires_uid_changedsince);
        f.vanished = false;
        f.changed_since = 0x8000000000000000ull;
        CHECK(error_of(f) == encode_errc::number_out_of_range);
        f.changed_since = std::nullopt;
        f.set = sequence_set{};
        CHECK(error_of(f) == encode_errc::invalid_sequence_set);

        using tk = section_spec::text_kind;
        fetch_command s{false,
                        sequence_set::single(1),
                        {fetch_att::body_section(section_spec{{}, tk::mime, {}})}};
        CHECK(error_of(s) == encode_errc::invalid_section);
        s.items = {fetch_att::body_section(section_spec{{}, tk::header_fields, {}})};
        CHECK(error_of(s) == encode_errc::invalid_section);
        s.items = {fetch_att::body_section(section_spec{{0}, tk::none, {}})};
        CHECK(error_of(s) == encode_errc::invalid_section);
        s.items = {fetch_att::body_section(section_spec{}, true, partial_range{0, 0})};
        CHECK(error_of(s) == encode_errc::number_out_of_range);
    }

    TEST_CASE("SEARCH with criteria, CHARSET and RETURN") {
        search_command s;
        s.criteria = {
            search_key::flag(search_kind::unseen),
            search_key::string(search_kind::from, "alice@example.com"),
            search_key::date_key(search_kind::since, search_date{1994, 2, 1}),
            search_key::not_key(search_key::flag(search_kind::deleted)),
            search_key::or_key(
                search_key::flag(search_kind::flagged),
                search_key::and_key({search_key::flag(search_kind::answered),
                                     search_key::number_key(search_kind::larger, 1000)})),
            search_key::set_key(search_kind::uid, *parse_sequence_set("1:100")),
            search_key::header("Message-ID", "<x@y>"),
            search_key::set_key(search_kind::sequence, *parse_sequence_set("2:*")),
            search_key::string(search_kind::keyword, "$Forwarded"),
        };
        CHECK(
            bytes_of(s) ==
            "A1 SEARCH UNSEEN FROM alice@example.com SINCE 1-Feb-1994 NOT DELETED OR FLAGGED "
            "(ANSWERED LARGER 1000) UID 1:100 HEADER Message-ID <x@y> 2:* KEYWORD $Forwarded\r\n");

        search_command e;
        e.uid = true;
        e.charset = "UTF-8";
        e.return_options = std::vector<search_return>{search_return::min, search_return::max,
                                                      search_return::count, search_return::all};
        e.criteria = {search_key::string(search_kind::subject,
                                         "Gr\xc3\xbc\xc3\x9f"
                                         "e")};
        auto enc = must_encode(e, with_literals(literal_extension::literal_minus));
        REQUIRE(enc.fragments.size() == 3);
        CHECK(enc.fragments[0] ==
              line("A1 UID SEARCH RETURN (MIN MAX COUNT ALL) CHARSET UTF-8 SUBJECT {7+}\r\n"));
        CHECK(enc.fragments[1] == literal("Gr\xc3\xbc\xc3\x9f"
                                          "e",
                                          literal_mode::non_sync));

        search_command empty_return{false,
                                    std::nullopt,
                                    {search_key::flag(search_kind::all)},
                                    std::vector<search_return>{}};
        CHECK(bytes_of(empty_return) == "A1 SEARCH RETURN () ALL\r\n");
    }

    TEST_CASE("SEARCH errors") {
        CHECK(error_of(search_command{}) == encode_errc::empty_list);
        search_command bad_date{false,
                                std::nullopt,
                                {search_key::date_key(search_kind::on, search_date{2023, 2, 29})},
                                {}};
        CHECK(error_of(bad_date) == encode_errc::invalid_date);
        search_command leap{false,
                            std::nullopt,
                            {search_key::date_key(search_kind::on, search_date{2024, 2, 29})},
                            {}};
        CHECK(bytes_of(leap) == "A1 SEARCH ON 29-Feb-2024\r\n");
        search_command bad_keyword{
            false, std::nullopt, {search_key::string(search_kind::keyword, "a b")}, {}};
        CHECK(error_of(bad_keyword) == encode_errc::invalid_atom);
        search_command bad_charset{
            false, std::string("a\r\nb"), {search_key::flag(search_kind::all)}, {}};
        CHECK(error_of(bad_charset) == encode_errc::not_quotable);

        search_key deep = search_key::flag(search_kind::seen);
        for (int i = 0; i < 100; ++i)
            deep = search_key::not_key(std::move(deep));
        CHECK(error_of(search_command{false, std::nullopt, {deep}, {}}) ==
              encode_errc::nesting_too_deep);
    }

    TEST_CASE("string form selection") {
        encoder_options o;
        auto form = [&](std::string_view s, bool atom_ok = true) {
            auto f = choose_argument_form(s, o, atom_ok);
            REQUIRE(f.has_value());
            return *f;
        };
        CHECK(form("alice") == argument_form::atom);
        CHECK(form("alice", false) == argument_form::quoted);
        CHECK(form("") == argument_form::quoted);
        CHECK(form("two words") == argument_form::quoted);
        CHECK(form("a\"b") == argument_form::quoted);
        CHECK(form("[Gmail]") == argument_form::quoted);
        CHECK(form("50%") == argument_form::quoted);
        CHECK(form("NIL") == argument_form::quoted);
        CHECK(form("nil") == argument_form::quoted);
        CHECK(form("a\rb") == argument_form::literal);
        CHECK(form("a\nb") == argument_form::literal);
        CHECK(form("caf\xc3\xa9") == argument_form::literal);
        CHECK(form(std::string(1024, 'a')) == argument_form::atom);
        CHECK(form(std::string(1025, 'a')) == argument_form::literal);
        o.utf8_accept = true;
        CHECK(form("caf\xc3\xa9") == argument_form::quoted);
        CHECK(form("caf\xe9") == argument_form::literal);  // Latin-1 is not UTF-8
        CHECK(form("caf\xc3\xa9\n") == argument_form::literal);
    }

    TEST_CASE("NUL needs a BINARY literal or is an error") {
        login_command cmd{"alice", secret(std::string("a\0b", 3))};
        CHECK(error_of(cmd) == encode_errc::nul_not_allowed);
        CHECK(error_of(cmd, with_literals(literal_extension::literal_plus)) ==
              encode_errc::nul_not_allowed);
        encoder_options binary;
        binary.binary = true;
        auto enc = must_encode(cmd, binary);
        REQUIRE(enc.fragments.size() == 3);
        CHECK(enc.fragments[0] == line("A1 LOGIN alice ~{3}\r\n"));
        CHECK(enc.fragments[1].binary);
        CHECK(enc.fragments[1].bytes == std::string("a\0b", 3));
        binary.literals = literal_extension::literal_plus;
        CHECK(must_encode(cmd, binary).fragments[0] == line("A1 LOGIN alice ~{3+}\r\n"));
    }

    TEST_CASE("LITERAL- allows non-synchronizing literals only up to 4096 bytes") {
        const auto opts = with_literals(literal_extension::literal_minus);
        std::string small(4096, 'x');
        small[0] = '\n';
        auto a = must_encode(login_command{"u", secret(small)}, opts);
        CHECK(a.fragments[0] == line("A1 LOGIN u {4096+}\r\n"));
        CHECK(a.fragments[1].mode == literal_mode::non_sync);
        std::string big(4097, 'x');
        auto b = must_encode(login_command{"u", secret(big)}, opts);
        CHECK(b.fragments[0] == line("A1 LOGIN u {4097}\r\n"));
        CHECK(b.fragments[1].mode == literal_mode::sync);
        auto c = must_encode(login_command{"u", secret(big)},
                             with_literals(literal_extension::literal_plus));
        CHECK(c.fragments[0] == line("A1 LOGIN u {4097+}\r\n"));
    }

    TEST_CASE("tags are validated and allocated in sequence") {
        for (const char* bad : {"", "A 1", "A+1", "A(", "A)", "A{", "A%", "A*", "A\"", "A\\", "A]",
                                "A\x01", "A\x7f", "\xc3\xa9"}) {
            CAPTURE(bad);
            CHECK_FALSE(is_valid_tag(bad));
            auto r = encode_command(bad, noop_command{}, {});
            REQUIRE_FALSE(r.has_value());
            CHECK(r.error().code == encode_errc::invalid_tag);
        }
        CHECK(is_valid_tag("A1"));
        CHECK(is_valid_tag("x.y-7"));

        tag_allocator tags;
        CHECK(tags.next() == "A1");
        CHECK(tags.next() == "A2");
        auto custom = tag_allocator::with_prefix("uv");
        REQUIRE(custom.has_value());
        CHECK(custom->next() == "uv1");
        CHECK_FALSE(tag_allocator::with_prefix("a b").has_value());
        CHECK_FALSE(tag_allocator::with_prefix("+").has_value());
    }

    TEST_CASE("the encoder numbers commands and does not spend tags on failures") {
        encoder enc;
        auto a = enc.encode(noop_command{});
        REQUIRE(a.has_value());
        CHECK(a->bytes() == "A1 NOOP\r\n");
        CHECK_FALSE(enc.encode(enable_command{}).has_value());
        auto b = enc.encode(logout_command{});
        REQUIRE(b.has_value());
        CHECK(b->bytes() == "A2 LOGOUT\r\n");
        CHECK(command_name(command{fetch_command{true, {}, {}, {}, false}}) == "UID FETCH");
        CHECK(command_name(command{select_command{"x", true}}) == "EXAMINE");
    }

    TEST_CASE("redaction copes with several secret ranges in one line") {
        fragment f = line("a SECRET b SECRET c", {{2, 6}, {11, 6}});
        CHECK(redact(f) == "a <redacted> b <redacted> c");
    }
}
