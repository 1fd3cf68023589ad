#include "account_url.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <optional>

#include "ascii.hpp"
#include "uvimap/wire/utf8.hpp"

namespace uvimap::app {

namespace {

using result = wire::expected<account, std::string>;

result fail(std::string message) {
    return wire::unexpected<std::string>(std::move(message));
}

constexpr std::uint16_t imaps_port = 993;
constexpr std::uint16_t imap_port = 143;

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5092's achar without pct-encoded: unreserved / sub-delims-sh / "&" /
// "=" / "~". These stand for themselves in an enc-user.
bool is_plain_user_char(char c) {
    return is_alnum(c) || std::string_view("-._~!$'()*+,&=").find(c) != std::string_view::npos;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A character of the input as a message can show it: itself when printable
// ASCII, else its byte value, so that no control character reaches the
// terminal through an error message.
std::string shown(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7f)
        return std::string("'") + c + "'";
    std::string out = "the byte ";
    append_hex_byte(out, "0x", byte);
    return out;
}

std::optional<std::string> decode_user(std::string_view encoded, std::string& error) {
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '%') {
            const int high = i + 1 < encoded.size() ? hex_value(encoded[i + 1]) : -1;
            const int low = i + 2 < encoded.size() ? hex_value(encoded[i + 2]) : -1;
            if (high < 0 || low < 0) {
                error =
                    "the user name has an invalid %-escape (a % must be followed by two hex "
                    "digits)";
                return std::nullopt;
            }
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (is_plain_user_char(c)) {
            out += c;
        } else {
            error = "the user name contains " + shown(c) + ", which must be percent-encoded (%XX)";
            return std::nullopt;
        }
    }
    if (out.empty()) {
        error = "the URL has no user name: write it as imaps://USER@HOST";
        return std::nullopt;
    }
    if (wire::find_invalid_utf8(out) != std::string_view::npos) {
        error = "the user name, percent-decoded, is not valid UTF-8";
        return std::nullopt;
    }
    // IMAP sends the name in a LOGIN or AUTHENTICATE command, where CR, LF
    // and NUL cannot go, and a name with control characters is a mistake.
    if (std::any_of(out.begin(), out.end(), [](char ch) {
            const auto b = static_cast<unsigned char>(ch);
            return b < 0x20 || b == 0x7f;
        })) {
        error = "the user name, percent-decoded, contains a control character";
        return std::nullopt;
    }
    return out;
}

// userinfo: enc-user [";AUTH=" ("*" / mechanism)].
std::optional<std::string> parse_userinfo(std::string_view userinfo, account& a) {
    std::string error;
    const std::size_t semicolon = userinfo.find(';');
    const std::string_view enc_user = userinfo.substr(0, semicolon);
    if (semicolon != std::string_view::npos) {
        const std::string_view auth = userinfo.substr(semicolon + 1);
        constexpr std::string_view prefix = "AUTH=";
        if (auth.size() < prefix.size() || !ascii_iequals(auth.substr(0, prefix.size()), prefix)) {
            return "after ';' in the user part only ';AUTH=<mechanism>' (RFC 5092) may follow";
        }
        const std::string_view mechanism = auth.substr(prefix.size());
        if (mechanism == "*") {
            a.mechanism = auth_mechanism::any;
        } else if (ascii_iequals(mechanism, "PLAIN")) {
            a.mechanism = auth_mechanism::plain;
        } else {
            std::string name;
            for (char c : mechanism)
                name += is_plain_user_char(c) ? std::string(1, c) : "?";
            return "the URL asks for the SASL mechanism '" + name +
                   "'; uvimap supports ;AUTH=PLAIN, and ;AUTH=* (or nothing) for any";
        }
    }
    std::optional<std::string> user = decode_user(enc_user, error);
    if (!user)
        return error;
    a.user = std::move(*user);
    return std::nullopt;
}

bool is_host_char(char c) {
    return is_alnum(c) || c == '-' || c == '.' || c == '_';
}

std::optional<std::string> parse_port(std::string_view digits, std::uint16_t& port) {
    if (digits.empty())
        return std::nullopt;  // "host:" means the default port (RFC 3986 §3.2.3)
    unsigned long value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return "the port must be a number from 1 to 65535";
        value = value * 10 + static_cast<unsigned long>(c - '0');
        if (value > 65535)
            return "the port must be a number from 1 to 65535";
    }
    if (value == 0)
        return "the port must be a number from 1 to 65535";
    port = static_cast<std::uint16_t>(value);
    return std::nullopt;
}

// host [":" port], host being a name, an IPv4 address or "[" IPv6 "]".
std::optional<std::string> parse_host_port(std::string_view text, account& a) {
    std::string_view port_text;
    if (!text.empty() && text.front() == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos)
            return "the IPv6 address has no closing ']'";
        const std::string address(text.substr(1, close - 1));
        if (address.find('%') != std::string::npos)
            return "IPv6 zone identifiers (%25...) are not supported in account URLs";
        in6_addr binary{};
        if (inet_pton(AF_INET6, address.c_str(), &binary) != 1)
            return "'[" + address + "]' is not an IPv6 address";
        char canonical[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, &binary, canonical, sizeof canonical);
        a.host = canonical;
        const std::string_view after = text.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return "unexpected text after the IPv6 address";
            port_text = after.substr(1);
        }
    } else {
        const std::size_t colon = text.find(':');
        const std::string_view name = text.substr(0, colon);
        if (name.empty())
            return "the URL has no host name";
        for (char c : name) {
            if (static_cast<unsigned char>(c) >= 0x80)
                return "the host name is not ASCII: write an internationalised domain name in "
                       "its xn-- form";
            if (!is_host_char(c))
                return "the host name contains " + shown(c);
        }
        a.host = ascii_lower(name);
        if (colon != std::string_view::npos)
            port_text = text.substr(colon + 1);
    }
    return parse_port(port_text, a.port);
}

// True if the text before the first '@' reads as "user:password".
bool has_password(std::string_view rest) {
    const std::size_t at = rest.find('@');
    if (at == std::string_view::npos)
        return false;
    const std::string_view before = rest.substr(0, at);
    const std::size_t colon = before.find(':');
    return colon != std::string_view::npos &&
           before.substr(0, colon).find_first_of("/?#[") == std::string_view::npos;
}

}  // namespace

result parse_account_url(std::string_view text) {
    const std::size_t separator = text.find("://");
    if (separator == std::string_view::npos)
        return fail(
            "not an account URL: write imaps://USER@HOST (TLS) or imap://USER@HOST "
            "(STARTTLS)");
    account a;
    const std::string_view scheme = text.substr(0, separator);
    if (ascii_iequals(scheme, "imaps")) {
        a.security = connection_security::implicit_tls;
        a.port = imaps_port;
    } else if (ascii_iequals(scheme, "imap")) {
        a.security = connection_security::starttls;
        a.port = imap_port;
    } else {
        return fail(
            "the URL scheme must be imaps:// (TLS, port 993) or imap:// (STARTTLS, port "
            "143)");
    }
    const std::string_view rest = text.substr(separator + 3);
    if (has_password(rest))
        return fail(
            "a password in the URL (user:password@) is not allowed: it would show in "
            "process lists and logs; give passwords with --netrc or --password-command");

    const std::size_t authority_end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, authority_end);
    if (authority_end != std::string_view::npos && rest.substr(authority_end) != "/")
        return fail(
            "an account URL names a server and a user only: no mailbox, path or query "
            "(the subcommands take the folder as an argument)");

    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos)
        return fail("the URL has no user name: write it as imaps://USER@HOST");
    const std::string_view userinfo = authority.substr(0, at);
    if (userinfo.find('@') != std::string_view::npos)
        return fail(
            "the user name contains '@': write it as %40, e.g. "
            "imaps://me%40example.com@imap.example.com");
    if (std::optional<std::string> error = parse_userinfo(userinfo, a))
        return fail(std::move(*error));
    if (std::optional<std::string> error = parse_host_port(authority.substr(at + 1), a))
        return fail(std::move(*error));
    a.url = canonical_url(a);
    return a;
}

std::string encode_url_user(std::string_view user) {
    std::string out;
    for (char c : user) {
        if (is_plain_user_char(c))
            out += c;
        else
            append_hex_byte(out, "%", static_cast<unsigned char>(c));
    }
    return out;
}

std::string canonical_url(const account& a) {
    const bool tls = a.security == connection_security::implicit_tls;
    std::string url = tls ? "imaps://" : "imap://";
    url += encode_url_user(a.user);
    if (a.mechanism == auth_mechanism::plain)
        url += ";AUTH=PLAIN";
    url += '@';
    const bool ipv6 = a.host.find(':') != std::string::npos;
    url += ipv6 ? "[" + a.host + "]" : a.host;
    if (a.port != (tls ? imaps_port : imap_port))
        url += ":" + std::to_string(a.port);
    return url;
}

}  // namespace uvimap::app
