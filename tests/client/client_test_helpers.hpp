#pragma once
// Options and accounts for client tests against the Dovecot fixture.

#include <optional>
#include <string>
#include <vector>

#include "support/dovecot_fixture.hpp"
#include "support/skip.hpp"
#include "tls/tls_test_helpers.hpp"
#include "uvimap/client/client.hpp"

namespace uvimap::test {

// Client options for the fixture: implicit TLS on its IMAPS port, or
// STARTTLS on its plain port, trusting its CA.
inline client::options fixture_options(const dovecot_fixture& dovecot,
                                       const tls::client_context& context,
                                       client::security mode = client::security::implicit_tls) {
    client::options opts;
    opts.mode = mode;
    opts.tls = &context;
    opts.port = static_cast<std::uint16_t>(
        mode == client::security::implicit_tls ? dovecot.imaps_port : dovecot.imap_port);
    return opts;
}

// Client options for plain IMAP on `port`, LOGIN in clear explicitly
// allowed: for a scripted server, or a proxy that must see the commands.
inline client::options plain_options(std::uint16_t port) {
    client::options opts;
    opts.mode = client::security::plain;
    opts.allow_plaintext = true;
    opts.allow_plaintext_credentials = true;
    opts.port = port;
    return opts;
}

// Connects as `user` and logs in.
inline async::task<client::client> logged_in(uv_loop_t* loop, client::options opts,
                                             std::string user, std::string password) {
    client::client imap = co_await client::client::connect(loop, "localhost", std::move(opts));
    co_await imap.login(std::move(user), wire::secret(std::move(password)));
    co_return imap;
}

// The same, with every trace line appended to `lines`.
inline client::options traced_options(const dovecot_fixture& dovecot,
                                      const tls::client_context& context,
                                      std::vector<std::string>& lines) {
    client::options opts = fixture_options(dovecot, context);
    opts.trace = [&lines](std::string_view line) { lines.emplace_back(line); };
    return opts;
}

// What summary asks for: UID, ENVELOPE, BODYSTRUCTURE and the first
// `body_bytes` of part 1.
inline std::vector<wire::fetch_att> summary_items(std::uint64_t body_bytes) {
    std::vector<wire::fetch_att> items;
    items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::uid));
    items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::envelope));
    items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::bodystructure));
    wire::section_spec first_part;
    first_part.part = {1};
    items.push_back(
        wire::fetch_att::body_section(first_part, true, wire::partial_range{0, body_bytes}));
    return items;
}

// The size of the fixture's big folder (user big), or nullopt, reported as
// a skip, when the fixture was started without one.
inline std::optional<int> big_folder(const dovecot_fixture& dovecot) {
    const int messages = dovecot.int_value("BIG_MESSAGES").value_or(0);
    if (messages < 1000) {
        report_skip("the fixture has no big user (UVIMAP_FIXTURE_BIG_MESSAGES)");
        return std::nullopt;
    }
    return messages;
}

// Logged in as big, its INBOX (the big folder) examined.
inline async::task<client::client> in_big_folder(uv_loop_t* loop, const dovecot_fixture& dovecot,
                                                 const tls::client_context& context) {
    client::client imap =
        co_await logged_in(loop, fixture_options(dovecot, context), "big", "pw-big");
    co_await imap.examine("INBOX");
    co_return imap;
}

}  // namespace uvimap::test
