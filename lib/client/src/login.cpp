// LOGIN and AUTHENTICATE, with the rules that keep credentials safe.

#include "connection.hpp"
#include "uvimap/session/sasl.hpp"

namespace uvimap::client {

namespace {

void check_credentials_allowed(const detail::connection& c) {
    if (!c.secure && !c.opts.allow_plaintext_credentials) {
        throw error(errc::insecure,
                    "refusing to send credentials to " + c.host + " over a connection without TLS");
    }
}

async::task<void> authenticate_with(detail::connection& c,
                                    std::shared_ptr<session::sasl_mechanism> mechanism) {
    session::command_options options;
    options.sasl = std::move(mechanism);
    wire::command command = wire::authenticate_command{};
    session::command_result result = co_await c.run(std::move(command), std::move(options));
    if (std::exception_ptr failure = c.failure_of(result, "AUTHENTICATE", true)) {
        std::rethrow_exception(failure);
    }
}

}  // namespace

async::task<void> client::login(std::string user, wire::secret password, login_options how) {
    const std::shared_ptr<detail::connection> keep = shared();
    detail::connection& c = *keep;
    check_credentials_allowed(c);
    const wire::capability_set caps = co_await detail::capabilities_of(keep);
    bool use_plain = how.use == login_options::method::plain;
    if (how.use == login_options::method::automatic) {
        use_plain = caps.has("LOGINDISABLED");
    }
    if (how.use == login_options::method::login && caps.has("LOGINDISABLED")) {
        throw error(errc::unsupported, c.host + " has disabled LOGIN (LOGINDISABLED)");
    }
    if (use_plain) {
        if (!caps.has_auth("PLAIN")) {
            const bool after_starttls = !c.secure && caps.has("STARTTLS");
            throw error(errc::unsupported,
                        c.host + " offers neither LOGIN nor AUTHENTICATE PLAIN here" +
                            (after_starttls ? " (it asks for STARTTLS first)" : ""));
        }
        co_await authenticate_with(c, session::make_plain(std::move(user), std::move(password)));
        co_return;
    }
    wire::command command = wire::login_command{std::move(user), std::move(password)};
    session::command_result result = co_await c.run(std::move(command));
    if (std::exception_ptr failure = c.failure_of(result, "LOGIN", true)) {
        std::rethrow_exception(failure);
    }
}

async::task<void> client::authenticate_oauth(std::string user, wire::secret token,
                                             oauth_mechanism mechanism) {
    const std::shared_ptr<detail::connection> keep = shared();
    detail::connection& c = *keep;
    check_credentials_allowed(c);
    const wire::capability_set caps = co_await detail::capabilities_of(keep);
    if (mechanism == oauth_mechanism::automatic) {
        if (caps.has_auth("OAUTHBEARER")) {
            mechanism = oauth_mechanism::oauthbearer;
        } else if (caps.has_auth("XOAUTH2")) {
            mechanism = oauth_mechanism::xoauth2;
        } else {
            throw error(errc::unsupported, c.host + " offers neither OAUTHBEARER nor XOAUTH2");
        }
    }
    if (mechanism == oauth_mechanism::oauthbearer) {
        co_await authenticate_with(
            c, session::make_oauthbearer(std::move(user), std::move(token), c.host, c.port));
    } else {
        co_await authenticate_with(c, session::make_xoauth2(std::move(user), std::move(token)));
    }
}

}  // namespace uvimap::client
