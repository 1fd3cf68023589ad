#pragma once
// How a client connects: transport security, timeouts, pipelining, trace.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

#include "uvimap/async/tcp.hpp"
#include "uvimap/session/mailbox_view.hpp"
#include "uvimap/session/session.hpp"
#include "uvimap/tls/tls.hpp"

namespace uvimap::client {

enum class security {
    // TLS from the first byte (port 993): the default, as in the chapter.
    implicit_tls,
    // Plain IMAP, upgraded with STARTTLS before anything else (port 143).
    // If the server does not offer STARTTLS the connection fails: there is
    // no silent fall-back to plaintext.
    starttls,
    // No TLS at all. Only with allow_plaintext set.
    plain,
};

struct options {
    options() = default;  // not an aggregate: see docs/embedding.md, "g++ 12"
    security mode = security::implicit_tls;
    // 0 means the mode's default: 993 for implicit TLS, 143 otherwise.
    std::uint16_t port = 0;
    // Trust store, verification and session cache. Required unless the mode
    // is plain; not owned, must outlive the client. Sessions it cached for
    // this host and port are resumed.
    const tls::client_context* tls = nullptr;
    // Explicit opt-ins for unencrypted connections: a plain session at all,
    // and credentials (LOGIN, AUTHENTICATE) sent over one.
    bool allow_plaintext = false;
    bool allow_plaintext_credentials = false;

    // Resolving, connecting and the TLS handshake.
    std::chrono::milliseconds connect_timeout{30'000};
    // From connected to the server's greeting (and STARTTLS, if any).
    std::chrono::milliseconds greeting_timeout{30'000};
    // How long the server may stay silent while commands wait for it; past
    // that the connection is closed and they fail with async::errc::timed_out.
    // IDLE has its own deadlines (idle_options).
    std::chrono::milliseconds response_timeout{60'000};

    // Connecting (keepalive, RFC 8305 timings, a shared dns_cache).
    async::tcp_options tcp;
    // Pipeline depth, parser limits, a literal_sink for big bodies, the tag
    // prefix. The trace sink is set from `trace` below.
    session::session_options session;

    // The protocol trace, one "C: ..." or "S: ..." line per call, with
    // passwords and tokens redacted. The server's text is not sanitised.
    std::function<void(std::string_view line)> trace;
    // [ALERT] texts, which RFC 9051 says the user must see.
    std::function<void(std::string_view text)> on_alert;
    // Changes in the selected mailbox that nobody asked for (new messages,
    // expunges, flag changes), as they arrive; the view is updated already.
    std::function<void(const session::mailbox_update& update)> on_mailbox_update;
};

}  // namespace uvimap::client
