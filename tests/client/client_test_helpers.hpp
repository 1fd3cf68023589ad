#pragma once
// Options and accounts for client tests against the Dovecot fixture.

#include <string>

#include "support/dovecot_fixture.hpp"
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

// Connects as `user` and logs in.
inline async::task<client::client> logged_in(uv_loop_t* loop, client::options opts,
                                             std::string user, std::string password) {
    client::client imap = co_await client::client::connect(loop, "localhost", std::move(opts));
    co_await imap.login(std::move(user), wire::secret(std::move(password)));
    co_return imap;
}

}  // namespace uvimap::test
