// The netrc file format, as curl and fetchmail read it (and ftp(1) and
// Python's netrc module before them), for --netrc.
//
//     machine imap.example.com login alice password "two words"
//     machine imap.example.org
//         login bob
//         password s3cret
//     default login guest password guest
//
// Tokens are separated by white space, newlines included, so an entry may
// span lines. Keywords (case-insensitive, as curl compares them):
//   machine NAME    starts an entry for the host NAME
//   default         starts the entry used when no machine matches
//   login NAME      the user name of the entry
//   password PW     its password
//   account STRING  accepted and ignored (an FTP notion)
//   macdef NAME     an FTP macro: the lines that follow, up to the next empty
//                   line, are skipped
// A token may be written in double quotes, as curl 7.84 and later read it,
// to hold spaces or a '"': inside quotes \" is a quote, \\ a backslash, \n,
// \r and \t the control characters, and \ before anything else that thing.
// Where a keyword is expected, a word starting with "#" starts a comment that
// runs to the end of the line; where a value is expected, "#" is an ordinary
// character, so `password #secret` works.
//
// Stricter than curl, which skips what it does not understand: an unknown
// keyword, a keyword without its value, `login` or `password` before any
// `machine` and an unterminated quote are errors with a line number, since
// reading such a file silently could pair a user with the wrong password.
// Error messages never quote the file's text, which may be a password.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/wire/expected.hpp"
#include "uvimap/wire/secret.hpp"

namespace uvimap::app {

struct netrc_entry {
    // The host name as written; empty for `default`.
    std::string machine;
    bool is_default = false;
    // Without a login, the entry serves any user of its machine.
    std::optional<std::string> login;
    std::optional<wire::secret> password;
    std::size_t line = 0;  // where the entry starts, from 1
};

struct netrc_error {
    std::size_t line = 0;
    std::string message;
};

class netrc {
public:
    static wire::expected<netrc, netrc_error> parse(std::string_view text);

    // The entry for `user` at `host`: the first `machine` entry in file
    // order whose name equals `host` (ASCII case-insensitively; brackets
    // around an IPv6 address do not count) and whose login is `user`
    // (case-sensitively) or absent; failing that, the first `default` entry
    // with such a login. Null if none.
    const netrc_entry* find(std::string_view host, std::string_view user) const;

    // The password of find(host, user), if it has one.
    std::optional<wire::secret> password_for(std::string_view host, std::string_view user) const;

    const std::vector<netrc_entry>& entries() const noexcept { return m_entries; }

private:
    std::vector<netrc_entry> m_entries;
};

}  // namespace uvimap::app
