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

netrc_error parse_error(std::string_view text) {
    auto parsed = netrc::parse(text);
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error();
}

}  // namespace

TEST_SUITE("cli: netrc") {
    TEST_CASE("curl's documented example: one entry over three lines") {
        const netrc n = parse_ok(
            "machine example.com\n"
            "login daniel\n"
            "password qwerty\n");
        CHECK(password(n, "example.com", "daniel") == "qwerty");
        CHECK(password(n, "example.com", "someone") == "<none>");
        CHECK(password(n, "example.org", "daniel") == "<none>");
    }

    TEST_CASE("ftp(1)'s example: entries on one line each and a default at the end") {
        const netrc n = parse_ok(
            "machine ftp.freebsd.org login anonymous password me@example.com\n"
            "default login anonymous password user@site\n");
        CHECK(password(n, "ftp.freebsd.org", "anonymous") == "me@example.com");
        CHECK(password(n, "elsewhere.example", "anonymous") == "user@site");
        CHECK(password(n, "elsewhere.example", "bob") == "<none>");
        REQUIRE(n.entries().size() == 2);
        CHECK(n.entries()[1].is_default);
    }

    TEST_CASE("fetchmail's use: one server, several users, each with its own entry") {
        const netrc n = parse_ok(
            "machine imap.example.org login alice password wonderland\n"
            "machine imap.example.org login bob password builder\n");
        CHECK(password(n, "imap.example.org", "alice") == "wonderland");
        CHECK(password(n, "imap.example.org", "bob") == "builder");
        CHECK(password(n, "imap.example.org", "carol") == "<none>");
    }

    TEST_CASE("an entry without login serves every user of its machine") {
        const netrc n = parse_ok(
            "machine a.example login alice password first\n"
            "machine a.example password shared\n"
            "machine a.example login bob password never-reached\n");
        CHECK(password(n, "a.example", "alice") == "first");
        CHECK(password(n, "a.example", "bob") == "shared");
        CHECK(password(n, "a.example", "anyone") == "shared");
    }

    TEST_CASE("machine entries win over default wherever default stands") {
        const netrc n = parse_ok(
            "default password fallback\n"
            "machine a.example login alice password specific\n");
        CHECK(password(n, "a.example", "alice") == "specific");
        CHECK(password(n, "a.example", "bob") == "fallback");
        CHECK(password(n, "b.example", "alice") == "fallback");
    }

    TEST_CASE("hosts and keywords compare without case, logins with case") {
        const netrc n = parse_ok("MACHINE IMAP.Example.COM LOGIN Alice PASSWORD Secret\n");
        CHECK(password(n, "imap.example.com", "Alice") == "Secret");
        CHECK(password(n, "imap.example.com", "alice") == "<none>");
    }

    TEST_CASE("an IPv6 host matches with or without brackets") {
        const netrc n = parse_ok("machine [::1] login a password one\nmachine ::2 password two\n");
        CHECK(password(n, "::1", "a") == "one");
        CHECK(password(n, "[::2]", "a") == "two");
    }

    TEST_CASE("tokens may be separated by any white space, newlines and CRLF included") {
        const netrc n =
            parse_ok("machine\ta.example\r\n\r\n   login\r\n alice\t\tpassword\fpw\r\n");
        CHECK(password(n, "a.example", "alice") == "pw");
    }

    TEST_CASE("quoted tokens hold spaces, quotes and escapes as curl reads them") {
        const netrc n = parse_ok(
            "machine a.example login \"user name\" password \"two words\"\n"
            "machine b.example login x password \"say \\\"hi\\\" \\\\o/\"\n"
            "machine c.example login x password \"tab\\there\\nnewline\\q\"\n"
            "machine d.example login x password \"\"\n");
        CHECK(password(n, "a.example", "user name") == "two words");
        CHECK(password(n, "b.example", "x") == "say \"hi\" \\o/");
        CHECK(password(n, "c.example", "x") == "tab\there\nnewlineq");
        CHECK(password(n, "d.example", "x") == "");
    }

    TEST_CASE("unquoted tokens keep quotes and backslashes that are not at their start") {
        const netrc n = parse_ok("machine a.example login x password pa\"ss\\word\n");
        CHECK(password(n, "a.example", "x") == "pa\"ss\\word");
    }

    TEST_CASE("macdef skips its body up to the first empty line") {
        const netrc n = parse_ok(
            "machine a.example login alice password one\n"
            "macdef init\n"
            "cd /pub\n"
            "machine evil.example login alice password stolen\n"
            "\n"
            "machine b.example login alice password two\n"
            "macdef last\n"
            "bin\n");
        CHECK(password(n, "a.example", "alice") == "one");
        CHECK(password(n, "b.example", "alice") == "two");
        CHECK(password(n, "evil.example", "alice") == "<none>");
        CHECK(n.entries().size() == 2);
    }

    TEST_CASE("a macdef body ends at a CRLF empty line too") {
        const netrc n = parse_ok("macdef m\r\nget x\r\n\r\nmachine a password p\r\n");
        CHECK(password(n, "a", "u") == "p");
    }

    TEST_CASE("comments where a keyword is expected, '#' as a character in values") {
        const netrc n = parse_ok(
            "# whole line\n"
            "   # indented\n"
            "machine a.example # about a\n"
            "  login alice password #not-a-comment # but this is\n"
            "machine b.example login #user password pw\n");
        CHECK(password(n, "a.example", "alice") == "#not-a-comment");
        CHECK(password(n, "b.example", "#user") == "pw");
    }

    TEST_CASE("account is read and ignored") {
        const netrc n = parse_ok("machine a login x account acct password p\n");
        CHECK(password(n, "a", "x") == "p");
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
