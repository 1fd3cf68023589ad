// The --accounts file: one account URL per line (account_url.hpp).
//
//     # work
//     imaps://alice@imap.example.com
//     imap://bob%40example.org@mail.example.org:1143   # STARTTLS
//
// Blank lines are skipped; "#" starts a comment at the start of a line or
// after white space ("#" right after URL text is part of the URL, and is
// refused there as a fragment). Lines may end in CRLF; a UTF-8 byte order
// mark at the start is ignored. The same account twice (the same canonical
// URL, however it was written) is an error: it would run twice and appear
// twice in the output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "account_url.hpp"
#include "uvimap/wire/expected.hpp"

namespace uvimap::app {

struct line_error {
    std::size_t line = 0;  // from 1
    std::string message;   // never repeats the line, which might hold a password
};

struct accounts_list {
    std::vector<account> accounts;   // in file order
    std::vector<line_error> errors;  // every bad line, in file order
};

// Parses the text of an accounts file. Valid lines are kept even when others
// are bad; a caller that wants all or nothing checks `errors`.
accounts_list parse_accounts(std::string_view text);

// Reads and parses FILE (a regular file, /dev/stdin or a pipe; at most
// 64 MiB). On failure: one "FILE:LINE: message" (or "FILE: message") per
// problem, ready to print.
wire::expected<std::vector<account>, std::vector<std::string>> load_accounts_file(
    const std::string& path);

}  // namespace uvimap::app
