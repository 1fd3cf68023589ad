// The netrc format as curl and fetchmail read it: entries, lookups, quoting,
// macdef, comments, and errors that never show a password.

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "netrc.hpp"

using namespace uvimap::app;

namespace {

netrc parse_ok(std::string_view text) {
    auto parsed = netrc::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), (parsed ? "" : parsed.error().message));
    return std::move(*parsed);
}

std::string password(const netrc& n, std::string_view host, std::string_view user) {
    auto found = n.password_for(host, user);
    return found ? std::string(found->expose()) : "<none>";
}

struct lookup {
    const char* host;
    const char* user;
    const char* expected;  // "<none>" when no password is found
};

// Parses `text` and checks the password found for each lookup.
netrc check_lookups(std::string_view text, std::initializer_list<lookup> lookups) {
    netrc n = parse_ok(text);
    for (const lookup& l : lookups) {
        CAPTURE(l.host);
        CAPTURE(l.user);
        CHECK(password(n, l.host, l.user) == l.expected);
    }
    return n;
}

netrc_error parse_error(std::string_view text) {
    auto parsed = netrc::parse(text);
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error();
}

}  // namespace

TEST_SUITE("cli: netrc") {
    TEST_CASE("curl's documented example: one entry over three lines") {
        check_lookups(
            "machine example.com\n"
            "login daniel\n"
            "password qwerty\n",
            {{"example.com", "daniel", "qwerty"},
             {"example.com", "someone", "<none>"},
             {"example.org", "daniel", "<none>"}});
    }

    TEST_CASE("ftp(1)'s example: entries on one line each and a default at the end") {
        const netrc n = check_lookups(
            "machine ftp.freebsd.org login anonymous password me@example.com\n"
            "default login anonymous password user@site\n",
            {{"ftp.freebsd.org", "anonymous", "me@example.com"},
             {"elsewhere.example", "anonymous", "user@site"},
             {"elsewhere.example", "bob", "<none>"}});
        REQUIRE(n.entries().size() == 2);
        CHECK(n.entries()[1].is_default);
    }

    TEST_CASE("fetchmail's use: one server, several users, each with its own entry") {
        check_lookups(
            "machine imap.example.org login alice password wonderland\n"
            "machine imap.example.org login bob password builder\n",
            {{"imap.example.org", "alice", "wonderland"},
             {"imap.example.org", "bob", "builder"},
             {"imap.example.org", "carol", "<none>"}});
    }

    TEST_CASE("an entry without login serves every user of its machine") {
        check_lookups(
            "machine a.example login alice password first\n"
            "machine a.example password shared\n"
            "machine a.example login bob password never-reached\n",
            {{"a.example", "alice", "first"},
             {"a.example", "bob", "shared"},
             {"a.example", "anyone", "shared"}});
    }

    TEST_CASE("machine entries win over default wherever default stands") {
        check_lookups(
            "default password fallback\n"
            "machine a.example login alice password specific\n",
            {{"a.example", "alice", "specific"},
             {"a.example", "bob", "fallback"},
             {"b.example", "alice", "fallback"}});
    }

    TEST_CASE("hosts and keywords compare without case, logins with case") {
        check_lookups(
            "MACHINE IMAP.Example.COM LOGIN Alice PASSWORD Secret\n",
            {{"imap.example.com", "Alice", "Secret"}, {"imap.example.com", "alice", "<none>"}});
    }

    TEST_CASE("an IPv6 host matches with or without brackets") {
        const netrc n =
            check_lookups("machine [::1] login a password one\nmachine ::2 password two\n",
                          {{"::1", "a", "one"}, {"[::2]", "a", "two"}});
    }

    TEST_CASE("tokens may be separated by any white space, newlines and CRLF included") {
        const netrc n =
            check_lookups("machine\ta.example\r\n\r\n   login\r\n alice\t\tpassword\fpw\r\n",
                          {{"a.example", "alice", "pw"}});
    }

    TEST_CASE("quoted tokens hold spaces, quotes and escapes as curl reads them") {
        check_lookups(
            "machine a.example login \"user name\" password \"two words\"\n"
            "machine b.example login x password \"say \\\"hi\\\" \\\\o/\"\n"
            "machine c.example login x password \"tab\\there\\nnewline\\q\"\n"
            "machine d.example login x password \"\"\n",
            {{"a.example", "user name", "two words"},
             {"b.example", "x", "say \"hi\" \\o/"},
             {"c.example", "x", "tab\there\nnewlineq"},
             {"d.example", "x", ""}});
    }

    TEST_CASE("unquoted tokens keep quotes and backslashes that are not at their start") {
        check_lookups("machine a.example login x password pa\"ss\\word\n",
                      {{"a.example", "x", "pa\"ss\\word"}});
    }

    TEST_CASE("macdef skips its body up to the first empty line") {
        const netrc n = check_lookups(
            "machine a.example login alice password one\n"
            "macdef init\n"
            "cd /pub\n"
            "machine evil.example login alice password stolen\n"
            "\n"
            "machine b.example login alice password two\n"
            "macdef last\n"
            "bin\n",
            {{"a.example", "alice", "one"},
             {"b.example", "alice", "two"},
             {"evil.example", "alice", "<none>"}});
        CHECK(n.entries().size() == 2);
    }

    TEST_CASE("a macdef body ends at a CRLF empty line too") {
        const netrc n =
            check_lookups("macdef m\r\nget x\r\n\r\nmachine a password p\r\n", {{"a", "u", "p"}});
    }

    TEST_CASE("comments where a keyword is expected, '#' as a character in values") {
        check_lookups(
            "# whole line\n"
            "   # indented\n"
            "machine a.example # about a\n"
            "  login alice password #not-a-comment # but this is\n"
            "machine b.example login #user password pw\n",
            {{"a.example", "alice", "#not-a-comment"}, {"b.example", "#user", "pw"}});
    }

    TEST_CASE("account is read and ignored") {
        const netrc n =
            check_lookups("machine a login x account acct password p\n", {{"a", "x", "p"}});
    }

    TEST_CASE("an empty file and a file of comments have no entries") {
        CHECK(parse_ok("").entries().empty());
        CHECK(parse_ok("# nothing\n\n").entries().empty());
    }

    TEST_CASE("errors carry the line and never the text of the file") {
        struct bad {
            const char* text;
            std::size_t line;
            const char* gist;
        };
        const bad cases[] = {
            {"machine a login x password two words\n", 1, "double quotes"},
            {"machine a\nlogin x\npasword secret\n", 3, "expected a keyword"},
            {"login x password secret\n", 1, "'login' before any 'machine'"},
            {"\n\npassword secret machine a\n", 3, "'password' before any 'machine'"},
            {"machine a login x password\n", 1, "'password' has no value"},
            {"machine\n", 1, "'machine' has no value"},
            {"machine a password \"secret\n", 1, "no closing '\"'"},
            {"machine a password \"secret\nmore\"\n", 1, "no closing '\"'"},
            {"machine a \"login\" x\n", 1, "expected a keyword"},
        };
        for (const bad& c : cases) {
            CAPTURE(c.text);
            const netrc_error e = parse_error(c.text);
            CHECK(e.line == c.line);
            CHECK(e.message.find(c.gist) != std::string::npos);
            CHECK(e.message.find("secret") == std::string::npos);
            CHECK(e.message.find("words") == std::string::npos);
        }
    }

    TEST_CASE("passwords print as redacted") {
        const netrc n = parse_ok("machine a login x password hunter2\n");
        std::ostringstream printed;
        printed << *n.password_for("a", "x");
        CHECK(printed.str() == "<redacted>");
    }
}
