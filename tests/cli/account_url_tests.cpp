// Account URLs: RFC 5092 imap:// and imaps:// URLs naming a user on a
// server, their canonical form, and the refusals with their messages.

#include <doctest/doctest.h>

#include <string>

#include "account_url.hpp"

using namespace uvimap::app;

namespace {

struct good_case {
    const char* input;
    const char* canonical;
    const char* user;
    const char* host;
    unsigned port;
    connection_security security;
    auth_mechanism mechanism;
};

constexpr auto tls = connection_security::implicit_tls;
constexpr auto starttls = connection_security::starttls;
constexpr auto any = auth_mechanism::any;
constexpr auto plain = auth_mechanism::plain;

const good_case good_cases[] = {
    {"imaps://alice@imap.example.com", "imaps://alice@imap.example.com", "alice",
     "imap.example.com", 993, tls, any},
    {"imap://bob@mail.example.org", "imap://bob@mail.example.org", "bob", "mail.example.org", 143,
     starttls, any},
    {"IMAPS://Alice@IMAP.Example.COM/", "imaps://Alice@imap.example.com", "Alice",
     "imap.example.com", 993, tls, any},
    {"imaps://alice@host:993", "imaps://alice@host", "alice", "host", 993, tls, any},
    {"imaps://alice@host:0993", "imaps://alice@host", "alice", "host", 993, tls, any},
    {"imap://alice@host:143", "imap://alice@host", "alice", "host", 143, starttls, any},
    {"imaps://alice@host:143", "imaps://alice@host:143", "alice", "host", 143, tls, any},
    {"imap://alice@host:993", "imap://alice@host:993", "alice", "host", 993, starttls, any},
    {"imaps://alice@host:", "imaps://alice@host", "alice", "host", 993, tls, any},
    {"imaps://alice@127.0.0.1:10993", "imaps://alice@127.0.0.1:10993", "alice", "127.0.0.1", 10993,
     tls, any},
    {"imaps://me%40example.com@imap.example.com", "imaps://me%40example.com@imap.example.com",
     "me@example.com", "imap.example.com", 993, tls, any},
    {"imaps://%61lice@host", "imaps://alice@host", "alice", "host", 993, tls, any},
    {"imaps://j%c3%bcrgen@host", "imaps://j%C3%BCrgen@host", "j\xC3\xBCrgen", "host", 993, tls,
     any},
    {"imaps://a%20b@host", "imaps://a%20b@host", "a b", "host", 993, tls, any},
    {"imaps://a%3Ab@host", "imaps://a%3Ab@host", "a:b", "host", 993, tls, any},
    {"imaps://a%2Fb@host", "imaps://a%2Fb@host", "a/b", "host", 993, tls, any},
    {"imaps://x!$'()*+,&=~-._y@host", "imaps://x!$'()*+,&=~-._y@host", "x!$'()*+,&=~-._y", "host",
     993, tls, any},
    {"imaps://alice;AUTH=*@host", "imaps://alice@host", "alice", "host", 993, tls, any},
    {"imaps://alice;AUTH=PLAIN@host", "imaps://alice;AUTH=PLAIN@host", "alice", "host", 993, tls,
     plain},
    {"imaps://alice;auth=plain@host", "imaps://alice;AUTH=PLAIN@host", "alice", "host", 993, tls,
     plain},
    {"imaps://alice@[::1]", "imaps://alice@[::1]", "alice", "::1", 993, tls, any},
    {"imaps://alice@[0:0:0:0:0:0:0:1]:10993", "imaps://alice@[::1]:10993", "alice", "::1", 10993,
     tls, any},
    {"imaps://alice@[2001:DB8::A]", "imaps://alice@[2001:db8::a]", "alice", "2001:db8::a", 993, tls,
     any},
    {"imaps://alice@host:65535", "imaps://alice@host:65535", "alice", "host", 65535, tls, any},
    {"imaps://alice@under_score.example", "imaps://alice@under_score.example", "alice",
     "under_score.example", 993, tls, any},
};

struct bad_case {
    const char* input;
    const char* gist;  // a part of the message
};

const bad_case bad_cases[] = {
    {"", "not an account URL"},
    {"alice@imap.example.com", "not an account URL"},
    {"https://alice@host", "must be imaps:// (TLS, port 993) or imap://"},
    {"pop3://alice@host", "must be imaps://"},
    {"imaps://host", "no user name"},
    {"imaps://@host", "no user name"},
    {"imaps://;AUTH=*@host", "no user name"},
    {"imaps://alice:secret@host", "--netrc or --password-command"},
    {"imaps://alice:@host", "password in the URL"},
    {"imaps://alice:pa/ss@host", "password in the URL"},
    {"imaps://me@example.com@host", "write it as %40"},
    {"imaps://alice@host/INBOX", "the subcommands take the folder as an argument"},
    {"imaps://alice@host/INBOX;UIDVALIDITY=1", "no mailbox, path or query"},
    {"imaps://alice@host//", "no mailbox, path or query"},
    {"imaps://alice@host?x", "no mailbox, path or query"},
    {"imaps://alice@host#x", "no mailbox, path or query"},
    {"imaps://alice@host:0", "from 1 to 65535"},
    {"imaps://alice@host:65536", "from 1 to 65535"},
    {"imaps://alice@host:99999999999999999999", "from 1 to 65535"},
    {"imaps://alice@host:99a", "from 1 to 65535"},
    {"imaps://alice@host:-1", "from 1 to 65535"},
    {"imaps://alice@", "no host name"},
    {"imaps://alice@:993", "no host name"},
    {"imaps://alice@h%41st", "the host name contains '%'"},
    {"imaps://alice@b\xC3\xBC"
     "cher.example",
     "xn-- form"},
    {"imaps://alice@host name", "the host name contains the byte 0x20"},
    {"imaps://alice@[::1", "no closing ']'"},
    {"imaps://alice@[::1]x", "unexpected text after the IPv6 address"},
    {"imaps://alice@[fe80::1%25eth0]", "zone identifiers"},
    {"imaps://alice@[not:an:address]", "is not an IPv6 address"},
    {"imaps://alice@[1.2.3.4]", "is not an IPv6 address"},
    {"imaps://al ice@host", "the user name contains the byte 0x20, which must be percent-encoded"},
    {"imaps://al\"ice@host", "the user name contains '\"'"},
    {"imaps://alice%@host", "invalid %-escape"},
    {"imaps://alice%4@host", "invalid %-escape"},
    {"imaps://alice%G1@host", "invalid %-escape"},
    {"imaps://alice%FF@host", "not valid UTF-8"},
    {"imaps://alice%C3@host", "not valid UTF-8"},
    {"imaps://alice%0D%0A@host", "control character"},
    {"imaps://alice%00@host", "control character"},
    {"imaps://alice%7F@host", "control character"},
    {"imaps://alice;AUTH=GSSAPI@host", "the SASL mechanism 'GSSAPI'"},
    {"imaps://alice;AUTH=XOAUTH2@host", "uvimap supports ;AUTH=PLAIN"},
    {"imaps://alice;AUTH=@host", "the SASL mechanism ''"},
    {"imaps://alice;FOO=bar@host", "only ';AUTH=<mechanism>'"},
};

}  // namespace

TEST_SUITE("cli: account URLs") {
    TEST_CASE("good URLs give the account and its canonical URL") {
        for (const good_case& c : good_cases) {
            CAPTURE(c.input);
            auto parsed = parse_account_url(c.input);
            REQUIRE_MESSAGE(parsed.has_value(), (parsed ? "" : parsed.error()));
            CHECK(parsed->url == c.canonical);
            CHECK(parsed->user == c.user);
            CHECK(parsed->host == c.host);
            CHECK(parsed->port == c.port);
            CHECK(parsed->security == c.security);
            CHECK(parsed->mechanism == c.mechanism);
        }
    }

    TEST_CASE("a canonical URL parses to the same account and is its own canonical form") {
        for (const good_case& c : good_cases) {
            CAPTURE(c.input);
            auto first = parse_account_url(c.input);
            REQUIRE(first.has_value());
            auto again = parse_account_url(first->url);
            REQUIRE(again.has_value());
            CHECK(*again == *first);
            CHECK(canonical_url(*again) == first->url);
        }
    }

    TEST_CASE("bad URLs are refused with a message that says why") {
        for (const bad_case& c : bad_cases) {
            CAPTURE(c.input);
            auto parsed = parse_account_url(c.input);
            REQUIRE_FALSE(parsed.has_value());
            CAPTURE(parsed.error());
            CHECK(parsed.error().find(c.gist) != std::string::npos);
        }
    }

    TEST_CASE("a password in the URL is never repeated in the message") {
        for (const char* input : {"imaps://alice:hunter2@host", "imaps://alice:hunter2@host/INBOX",
                                  "imap://alice:hunter2@[::1]:99999"}) {
            CAPTURE(input);
            auto parsed = parse_account_url(input);
            REQUIRE_FALSE(parsed.has_value());
            CHECK(parsed.error().find("hunter2") == std::string::npos);
        }
    }

    TEST_CASE("messages show control characters of the input as byte values") {
        auto parsed = parse_account_url("imaps://al\x1b[2Jice@host");
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().find("0x1B") != std::string::npos);
        CHECK(parsed.error().find('\x1b') == std::string::npos);
    }

    TEST_CASE("user names are encoded exactly where RFC 5092 requires it") {
        CHECK(encode_url_user("alice") == "alice");
        CHECK(encode_url_user("me@example.com") == "me%40example.com");
        CHECK(encode_url_user("a b:c/d;e?f#g%h") == "a%20b%3Ac%2Fd%3Be%3Ff%23g%25h");
        CHECK(encode_url_user("\xC3\xBC") == "%C3%BC");
        CHECK(encode_url_user("!$'()*+,&=~-._") == "!$'()*+,&=~-._");
    }

    TEST_CASE("every byte value survives a round trip through the canonical URL") {
        for (int b = 0x20; b < 0x7f; ++b) {
            const std::string user = std::string("u") + static_cast<char>(b) + "x";
            CAPTURE(user);
            account a;
            a.user = user;
            a.host = "host";
            auto parsed = parse_account_url(canonical_url(a));
            REQUIRE(parsed.has_value());
            CHECK(parsed->user == user);
        }
    }
}
