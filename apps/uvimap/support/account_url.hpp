// IMAP URLs that name an account: `imaps://user@host[:port]` (implicit TLS,
// port 993) and `imap://user@host[:port]` (STARTTLS, port 143), as RFC 5092
// writes them.
//
// An account URL names a server and a user, nothing else: the subcommands
// take the folder as an argument, so a path or a query is refused, and a
// password never belongs in a URL (it would show in process lists, shell
// history and logs), so `user:password@` is refused and the message points
// at --netrc and --password-command. Error messages never repeat a URL that
// may hold a password.
//
// Every account also has a canonical URL: the same account written one way
// only, so that it can be compared, hashed for --shard, and printed as the
// `account` field of the JSON output:
// - scheme and host in lower case (an IPv6 address in the compressed form
//   of RFC 5952, in brackets);
// - the default port (993 for imaps, 143 for imap) left out;
// - the user name percent-encoded exactly where RFC 5092 requires it, with
//   upper-case hex digits (`%40` for "@", never `%61` for "a");
// - `;AUTH=*` left out (RFC 5092 §3.2: a user name without a mechanism means
//   "any mechanism"), `;AUTH=PLAIN` kept in that spelling;
// - no trailing "/".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "uvimap/wire/expected.hpp"

namespace uvimap::app {

enum class connection_security {
    implicit_tls,  // imaps://, TLS from the first byte
    starttls,      // imap://, plain connection upgraded with STARTTLS
};

// The SASL mechanism the URL asks for (RFC 5092's ";AUTH=").
enum class auth_mechanism {
    any,    // none given, or ";AUTH=*": the client chooses
    plain,  // ";AUTH=PLAIN"
};

struct account {
    // The canonical URL (see above).
    std::string url;
    // The user name, percent-decoded: UTF-8 without control characters.
    std::string user;
    // Lower case; an IPv6 address without its brackets ("::1"), as
    // async::connect and the TLS name check take it.
    std::string host;
    std::uint16_t port = 993;
    connection_security security = connection_security::implicit_tls;
    auth_mechanism mechanism = auth_mechanism::any;

    friend bool operator==(const account&, const account&) = default;
};

// Parses one account URL. On failure the error is a message for people,
// e.g. "the user name has an invalid %-escape: '%G1'". Surrounding white
// space is not accepted here (the accounts file trims its lines).
wire::expected<account, std::string> parse_account_url(std::string_view text);

// The canonical URL of an account built by hand (parse_account_url fills
// account::url with it already).
std::string canonical_url(const account& a);

// The user name percent-encoded as an RFC 5092 enc-user: every byte that is
// not an unreserved character, one of "!$'()*+,", "&", "=" or "~" becomes
// %XX with upper-case hex digits.
std::string encode_url_user(std::string_view user);

}  // namespace uvimap::app
