#pragma once
// The IMAP client: a coroutine API over one connection, on a libuv loop the
// caller owns.
//
//     uvimap::tls::client_context tls;                  // share among clients
//     uvimap::client::options opts;
//     opts.tls = &tls;
//     auto imap = co_await uvimap::client::client::connect(loop, "imap.example.org", opts);
//     co_await imap.login("alice", uvimap::wire::secret(password));
//     for (const auto& box : co_await imap.list()) { ... }
//     co_await imap.logout();
//
// Concurrency: several coroutines may call one client at once; their
// commands go out pipelined, as far as RFC 9051 §5.5 allows (the session
// decides, see uvimap/session/session.hpp). One reader task completes them
// all; nothing here uses threads.
//
// Errors are uvimap::error: client::errc for IMAP (NO and BAD come as
// command_error with the server's code and text; a refused login as
// authentication_failed), async::errc and tls::errc from the transport.
// A connection failure (lost, timed out, protocol error) fails every
// command in flight with the same error, and the client is closed.
//
// Cancellation: cancel the calling task (or wrap the call in
// async::with_timeout). A command that was not sent yet is dropped; one in
// flight goes on in the background and its answer is thrown away, so the
// connection stays usable (an IDLE is ended with DONE, an AUTHENTICATE
// exchange with "*"). The call throws async::errc::cancelled (or
// timed_out). A connection that had to be closed instead says so: is_open()
// is false. Silence from the server while commands wait (response_timeout)
// closes the connection.
//
// Lifetime: close() (or logout()) before destroying the client is the tidy
// end. Destroying it while it is open aborts the connection: the calls
// still waiting fail with async::errc::connection_aborted, and the
// background tasks finish on the loop by themselves.

#include <uv.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uvimap/async/task.hpp"
#include "uvimap/client/error.hpp"
#include "uvimap/client/options.hpp"
#include "uvimap/session/results.hpp"
#include "uvimap/wire/capabilities.hpp"
#include "uvimap/wire/command.hpp"
#include "uvimap/wire/secret.hpp"

namespace uvimap::client {

namespace detail {
struct connection;
}

struct login_options {
    login_options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    enum class method {
        // LOGIN, or AUTHENTICATE PLAIN when the server says LOGINDISABLED.
        automatic,
        login,
        plain,
    };
    method use = method::automatic;
};

enum class oauth_mechanism {
    // OAUTHBEARER (RFC 7628) if offered, else XOAUTH2.
    automatic,
    oauthbearer,
    xoauth2,
};

struct list_options {
    list_options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    // RFC 5258 LIST selection: only subscribed mailboxes.
    bool subscribed_only = false;
    // Ask for these STATUS items with each entry: with LIST-STATUS in one
    // command; without it, one STATUS per selectable mailbox, pipelined.
    std::vector<wire::status_attr> status;
    // Ask for special-use attributes (RFC 6154) when the server has
    // SPECIAL-USE; they come among the entry's flags.
    bool special_use = true;
};

struct search_options {
    search_options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    bool uid = true;
    std::optional<std::string> charset;
    // With ESEARCH (RFC 4731): MIN, MAX, COUNT, ALL. Empty: plain SEARCH.
    std::vector<wire::search_return> returns;
};

struct fetch_options {
    fetch_options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    // UID FETCH (set and results by UID) rather than FETCH.
    bool uid = true;
    // CONDSTORE/QRESYNC: only messages changed since this mod-sequence;
    // with `vanished`, expunged ones come as VANISHED (EARLIER) updates.
    std::optional<std::uint64_t> changed_since;
    bool vanished = false;
};

struct idle_options {
    idle_options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    // RFC 2177: servers drop an IDLE after 30 minutes; it is restarted
    // (DONE, then IDLE again) before that.
    std::chrono::milliseconds restart_after{29 * 60 * 1000};
    // How long the server has to answer DONE (or a NOOP when the server has
    // no IDLE); silence past it means the peer is dead: the connection is
    // closed and idle() throws async::errc::timed_out.
    std::chrono::milliseconds response_timeout{30'000};
    // Without IDLE in the server's capabilities, a NOOP this often.
    std::chrono::milliseconds poll_interval{60'000};
    // Cancelled: idle() ends IDLE cleanly and returns normally. (Cancelling
    // the calling task also ends it cleanly, but then throws cancelled.)
    async::cancellation_token stop;
};

// Called with each message of a FETCH as it is parsed; the message is the
// handler's to keep. An exception from it fails the fetch (after the
// server's answer, so the connection stays in step).
using message_handler = std::function<void(session::fetch_message&&)>;

// IMAP bytes exchanged on a connection so far: after TLS decryption and
// before encryption, so the same for TLS and plain connections.
struct traffic_counts {
    std::uint64_t received = 0;
    std::uint64_t sent = 0;
};

class client {
public:
    // Resolves and connects (RFC 8305 over every address, through
    // options.tcp.resolver if set), runs TLS or STARTTLS as options.mode
    // says, and reads the greeting. Throws async::errc (dns_failure,
    // connection_refused, connect_failed, timed_out, ...), tls::errc,
    // client::errc::bye (a server that greets with BYE), unsupported
    // (STARTTLS asked for but not offered) or insecure (plain without
    // allow_plaintext). Cancellable.
    static async::task<client> connect(uv_loop_t* loop, std::string host, options opts = {});

    client(client&&) noexcept;
    client& operator=(client&&) noexcept;
    ~client();

    // --- Authentication ------------------------------------------------------
    // Throws errc::authentication_failed on wrong credentials, errc::insecure
    // over a connection without TLS unless allow_plaintext_credentials,
    // errc::unsupported when the method cannot be used.
    async::task<void> login(std::string user, wire::secret password, login_options how = {});
    async::task<void> authenticate_oauth(std::string user, wire::secret token,
                                         oauth_mechanism mechanism = oauth_mechanism::automatic);

    // --- Server information ---------------------------------------------------
    // As the server announced them for the current state (asks with
    // CAPABILITY when they are not known).
    async::task<wire::capability_set> capabilities();
    async::task<session::id_fields> id(session::id_fields ours = {});
    // Returns what the server enabled (upper-cased).
    async::task<std::vector<std::string>> enable(std::vector<std::string> extensions);
    async::task<session::namespaces> namespaces();

    // --- Mailboxes --------------------------------------------------------------
    async::task<std::vector<session::mailbox_entry>> list(std::string reference = "",
                                                          std::string pattern = "*",
                                                          list_options how = {});
    async::task<session::selected_mailbox> select(std::string mailbox);
    async::task<session::selected_mailbox> examine(std::string mailbox);
    async::task<session::mailbox_status> status(std::string mailbox,
                                                std::vector<wire::status_attr> items);
    async::task<void> close_mailbox();  // CLOSE (expunges \Deleted messages)
    async::task<void> unselect();       // UNSELECT, or CLOSE on an EXAMINEd mailbox without it

    // --- Messages ------------------------------------------------------------------
    async::task<session::search_result> search(std::vector<wire::search_key> criteria,
                                               search_options how = {});
    // Streams: on_message is called for each message as its FETCH response
    // is parsed, so memory does not grow with the folder. Returns how many.
    async::task<std::uint64_t> fetch(wire::sequence_set set, std::vector<wire::fetch_att> items,
                                     message_handler on_message, fetch_options how = {});

    // --- The rest ----------------------------------------------------------------------
    async::task<void> noop();
    // Idles until idle_options::stop fires (returns) or the task is
    // cancelled (throws cancelled), restarting before the server would drop
    // it; changes arrive through options::on_mailbox_update and mailbox().
    async::task<void> idle(idle_options how = {});
    // LOGOUT, then closes the connection.
    async::task<void> logout();
    // Closes the connection without LOGOUT; commands still waiting fail.
    async::task<void> close();

    // --- State ----------------------------------------------------------------------------
    bool is_open() const noexcept;
    bool is_secure() const noexcept;  // TLS, implicit or after STARTTLS
    session::connection_state state() const noexcept;
    const session::mailbox_view& mailbox() const;
    // The greeting's text, as sent.
    const std::string& greeting() const;
    // The loop the client runs on.
    uv_loop_t* loop() const;
    traffic_counts traffic() const noexcept;

private:
    explicit client(std::shared_ptr<detail::connection> connection) noexcept;
    detail::connection& conn() const;
    std::shared_ptr<detail::connection> shared() const;
    std::shared_ptr<detail::connection> m_connection;
};

}  // namespace uvimap::client
