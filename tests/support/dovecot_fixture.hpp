// The private Dovecot that the CTest fixture "dovecot" runs for the tests.
//
// tests/dovecot/start launches it on 127.0.0.1 with free ports and writes
// what the tests need to know to $UVIMAP_DOVECOT_DIR/env, one KEY=VALUE per
// line; tests/dovecot/stop stops it and removes that file. CTest passes
// UVIMAP_DOVECOT_DIR and UVIMAP_SHARED_DIR to every test. A test that needs
// Dovecot calls dovecot_fixture::load() and skips when it returns nullopt, so
// the suites still run, with those cases skipped, on machines without it.
//
// Accounts (all password-checked, scheme PLAIN; see tests/dovecot/README.md):
//   brandon / abc123      INBOX = the book's sample mailbox, UIDs 1, 2, 3,
//                         UIDVALIDITY 1414010141 (only when book_mailbox)
//   alice / wonderland    INBOX = tests/fixtures/sample-mbox (UIDs 1, 2, 3),
//                         Archive, Entwürfe (on the wire Entw&APw-rfe)
//   empty / empty         an empty INBOX
//   bulk / bulk           one message with 256 KiB of body
//   user0001 / pw-user0001 ... (GEN_USERS of them) generated mail
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace uvimap::test {

struct dovecot_fixture {
    /// Address Dovecot listens on: always "127.0.0.1". The test certificate
    /// carries it as an IP SAN, next to DNS:localhost.
    std::string host;
    /// Plain IMAP; STARTTLS is offered. Note that Dovecot treats connections
    /// from its own address as secured, so it also accepts LOGIN before
    /// STARTTLS here and does not announce LOGINDISABLED.
    int imap_port = 0;
    /// Implicit TLS (IMAPS), TLS 1.2 or later.
    int imaps_port = 0;
    /// CA certificate (PEM) that signed the server's certificate.
    std::string ca_file;
    /// Directory of the test certificates (ca.pem, server.pem, server.key).
    std::string cert_dir;
    /// True when brandon's INBOX holds the book's three messages. False when
    /// the shared fixtures were missing at start: such tests should skip
    /// loudly instead of passing.
    bool book_mailbox = false;
    /// Every KEY=VALUE of the env file, including the keys above and the
    /// others it carries: BOOK_USER, BOOK_PASSWORD, ALICE_USER,
    /// ALICE_PASSWORD, EMPTY_USER, EMPTY_PASSWORD, BULK_USER, BULK_PASSWORD,
    /// FOLDERS_USER, FOLDERS_PASSWORD, BIG_MESSAGES, BIG_USER, BIG_PASSWORD,
    /// GEN_USERS, GEN_MESSAGES,
    /// GEN_USER_FORMAT, GEN_PASSWORD_PREFIX, MAX_CONNECTIONS, PASSWD_FILE,
    /// MAIL_DIR, DOVECOT_CONF, DOVECOT_LOG, DOVECOT_PID.
    std::map<std::string, std::string, std::less<>> values;

    /// The value of `key` in the env file, if it has one.
    [[nodiscard]] std::optional<std::string> value(std::string_view key) const;

    /// An integer value of the env file (GEN_USERS, MAX_CONNECTIONS...), if
    /// present and a whole decimal number.
    [[nodiscard]] std::optional<int> int_value(std::string_view key) const;

    /// Reads $UVIMAP_DOVECOT_DIR/env. nullopt when the variable is unset or
    /// empty, the file is missing (fixture not started, or already stopped),
    /// or a required key (HOST, IMAP_PORT, IMAPS_PORT, CA_FILE, CERT_DIR) is
    /// missing or malformed.
    [[nodiscard]] static std::optional<dovecot_fixture> load();

    /// load(), or fails the running doctest case (REQUIRE) with a message
    /// saying that the fixture is not running.
    [[nodiscard]] static dovecot_fixture require();

    /// Parses the text of an env file; load() without the file system.
    [[nodiscard]] static std::optional<dovecot_fixture> parse(std::string_view text);
};

/// The path of `relative` under $UVIMAP_SHARED_DIR (the tree beside the
/// project with the book's fixtures), if that variable is set and the file
/// exists. Example: shared_file("fixtures/sample-mbox").
[[nodiscard]] std::optional<std::string> shared_file(std::string_view relative);

}  // namespace uvimap::test
