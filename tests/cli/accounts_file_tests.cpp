// The --accounts file: one URL per line, comments, blank lines, CRLF, and
// errors with line numbers.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accounts_file.hpp"
#include "support/temp_dir.hpp"

using namespace uvimap::app;

namespace {

std::vector<std::string> urls(const accounts_list& list) {
    std::vector<std::string> out;
    for (const account& a : list.accounts)
        out.push_back(a.url);
    return out;
}

}  // namespace

TEST_SUITE("cli: accounts file") {
    TEST_CASE("URLs one per line, with comments and blank lines") {
        const auto list = parse_accounts(
            "# work accounts\n"
            "imaps://alice@imap.example.com\n"
            "\n"
            "   \t\n"
            "  imap://bob%40example.org@mail.example.org:1143   # STARTTLS\n"
            "\t# an indented comment\n"
            "imaps://carol@[::1]:10993/\n");
        CHECK(list.errors.empty());
        CHECK(urls(list) ==
              std::vector<std::string>{"imaps://alice@imap.example.com",
                                       "imap://bob%40example.org@mail.example.org:1143",
                                       "imaps://carol@[::1]:10993"});
    }

    TEST_CASE("CRLF line ends, a byte order mark and a last line without LF are fine") {
        const auto list =
            parse_accounts("\xEF\xBB\xBFimaps://alice@host\r\n# x\r\n\r\nimaps://bob@host");
        CHECK(list.errors.empty());
        CHECK(urls(list) == std::vector<std::string>{"imaps://alice@host", "imaps://bob@host"});
    }

    TEST_CASE("an empty file or one of comments only has no accounts and no errors") {
        CHECK(parse_accounts("").accounts.empty());
        CHECK(parse_accounts("").errors.empty());
        const auto list = parse_accounts("# nothing yet\n\n#imaps://x@y\n");
        CHECK(list.accounts.empty());
        CHECK(list.errors.empty());
    }

    TEST_CASE("'#' glued to the URL is part of it, and refused as a fragment") {
        const auto list = parse_accounts("imaps://alice@host#work\n");
        REQUIRE(list.errors.size() == 1);
        CHECK(list.errors[0].line == 1);
        CHECK(list.errors[0].message.find("no mailbox, path or query") != std::string::npos);
    }

    TEST_CASE("bad lines are reported with their numbers and good ones kept") {
        const auto list = parse_accounts(
            "imaps://alice@host\n"
            "imaps://alice:secret@host\n"
            "\n"
            "imaps://bob@host extra words\n"
            "http://carol@host\n"
            "imaps://dave@host\n");
        CHECK(urls(list) == std::vector<std::string>{"imaps://alice@host", "imaps://dave@host"});
        REQUIRE(list.errors.size() == 3);
        CHECK(list.errors[0].line == 2);
        CHECK(list.errors[0].message.find("--netrc") != std::string::npos);
        CHECK(list.errors[0].message.find("secret") == std::string::npos);
        CHECK(list.errors[1].line == 4);
        CHECK(list.errors[1].message.find("one account URL per line") != std::string::npos);
        CHECK(list.errors[2].line == 5);
    }

    TEST_CASE("the same account written twice is an error naming the first line") {
        const auto list = parse_accounts(
            "imaps://alice@host\n"
            "imaps://bob@host\n"
            "IMAPS://alice@HOST:993/\n"
            "imap://alice@host\n");
        CHECK(urls(list) == std::vector<std::string>{"imaps://alice@host", "imaps://bob@host",
                                                     "imap://alice@host"});
        REQUIRE(list.errors.size() == 1);
        CHECK(list.errors[0].line == 3);
        CHECK(list.errors[0].message == "the same account as on line 1 (imaps://alice@host)");
    }

    TEST_CASE("loading a file gives its accounts or FILE:LINE messages") {
        uvimap::test::temp_dir dir;
        const std::string good = dir.write("good.txt", "imaps://alice@host\nimap://bob@host\n");
        auto loaded = load_accounts_file(good);
        REQUIRE(loaded.has_value());
        CHECK(loaded->size() == 2);

        const std::string bad = dir.write("bad.txt", "imaps://alice@host\n\nimaps://x\n");
        auto refused = load_accounts_file(bad);
        REQUIRE_FALSE(refused.has_value());
        REQUIRE(refused.error().size() == 1);
        CHECK(refused.error()[0].rfind(bad + ":3: ", 0) == 0);

        auto missing = load_accounts_file((dir.path() / "missing.txt").string());
        REQUIRE_FALSE(missing.has_value());
        CHECK(missing.error()[0].find("No such file or directory") != std::string::npos);
    }
}
