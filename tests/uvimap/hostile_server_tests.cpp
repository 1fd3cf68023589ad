// Servers that misbehave in ways Dovecot will not: text full of terminal
// control sequences, connections cut or stalled, BYE in the middle of a
// command, responses that break the grammar. Each ends the run with a typed
// error (or, for text, is printed escaped), never a crash or a hang.

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "scripted_imap.hpp"
#include "support/openssl_server.hpp"
#include "uvimap_cli.hpp"

using namespace uvimap::test;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> plain_to(const thread_server& server) {
    return {"127.0.0.1", "alice",
            "--plain",   "--allow-plaintext-login",
            "--port",    std::to_string(server.port())};
}

bool has_raw_controls(const std::string& text) {
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n') || byte == 0x7f) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> no_special_answers(const std::string&, const std::string&) {
    return std::nullopt;
}

// Runs `list` with three retries against a server that answers LOGIN
// with `on_login`; checks that the run fails with `error` and returns how
// many connections the server saw.
int connections_when_login_fails(
    const std::function<std::string(scripted_peer&, const std::string& tag)>& on_login,
    const std::string& error) {
    std::atomic<int> connections = 0;
    {
        thread_server server(
            [&](scripted_peer& peer, unsigned) {
                ++connections;
                serve_imap(peer, plain_greeting,
                           [&](const std::string& tag,
                               const std::string& command) -> std::optional<std::string> {
                               if (command.starts_with("LOGIN ")) {
                                   return on_login(peer, tag);
                               }
                               return std::nullopt;
                           });
            },
            2);
        const process_result r =
            run_uvimap(std::vector<std::string>{"list"} + plain_to(server) +
                           std::vector<std::string>{"--retries", "3", "--retry-delay", "0.01"},
                       "pw\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with(error));
    }
    return connections;
}

// Answers as serve_imap does until LOGOUT, then does `on_logout` instead
// of answering it.
void serve_until_logout(scripted_peer& peer, const std::function<void(scripted_peer&)>& on_logout) {
    serve_imap(peer, plain_greeting,
               [&](const std::string&, const std::string& command) -> std::optional<std::string> {
                   if (command == "LOGOUT") {
                       on_logout(peer);
                       return "";
                   }
                   return std::nullopt;
               });
}

}  // namespace

TEST_SUITE("uvimap: hostile servers") {
    TEST_CASE("mailbox names and alerts with control characters are printed escaped") {
        thread_server server([](scripted_peer& peer) {
            serve_imap(peer, plain_greeting,
                       [](const std::string& tag,
                          const std::string& command) -> std::optional<std::string> {
                           if (command.starts_with("LOGIN ")) {
                               return "* OK [ALERT] \x1b]0;owned\x07 read this\r\n" + tag +
                                      " OK [CAPABILITY IMAP4rev1] in\r\n";
                           }
                           if (command.starts_with("LIST ")) {
                               return "* LIST (\\HasNoChildren) \"/\" \"Evil\x1b[2J\"\r\n"
                                      "* LIST () \"/\" {12}\r\nA\r\nforged: x\r\n" +
                                      tag + " OK listed\r\n";
                           }
                           return std::nullopt;
                       });
        });
        const process_result r =
            run_uvimap(std::vector<std::string>{"list"} + plain_to(server), "pw\n");
        CHECK(r.exit_status == 0);
        CHECK_FALSE(has_raw_controls(r.out));
        CHECK_FALSE(has_raw_controls(r.err));
        CHECK(r.out.find("/ Evil\\x1b[2J\n") != std::string::npos);
        CHECK(r.out.find("/ A\\x0d\\x0aforged: x\n") != std::string::npos);
        CHECK(r.err.find("ALERT: \\x1b]0;owned\\x07 read this") != std::string::npos);
    }

    TEST_CASE("From and message text with control characters are printed escaped") {
        thread_server server([](scripted_peer& peer) {
            serve_imap(
                peer, plain_greeting,
                [](const std::string& tag,
                   const std::string& command) -> std::optional<std::string> {
                    if (command.starts_with("EXAMINE ")) {
                        return "* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n" + tag +
                               " OK [READ-ONLY] examined\r\n";
                    }
                    if (command.starts_with("UID FETCH 1:* ")) {
                        const std::string text =
                            "Hello \x1b[31mred\x1b[0m and a bell \x07 and more words to pass sixty "
                            "characters of text\r\n";
                        return "* 1 FETCH (UID 5 ENVELOPE (NIL \"s\" ((\"Mallory \x1b[1A\" NIL "
                               "\"m\" \"evil.example\")) NIL NIL NIL NIL NIL NIL NIL) "
                               "BODYSTRUCTURE "
                               "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" " +
                               std::to_string(text.size()) + " 1 NIL NIL NIL NIL) BODY[1]<0> {" +
                               std::to_string(text.size()) + "}\r\n" + text + ")\r\n" + tag +
                               " OK fetched\r\n";
                    }
                    return std::nullopt;
                });
        });
        const process_result r = run_uvimap(std::vector<std::string>{"summary"} + plain_to(server) +
                                                std::vector<std::string>{"INBOX"},
                                            "pw\n");
        CHECK(r.exit_status == 0);
        CHECK_FALSE(has_raw_controls(r.out));
        const std::string expected =
            "5 \"Mallory \\x1b[1A\" <m@evil.example>\n   Hello \\x1b[31mred";
        CHECK(r.out.substr(0, expected.size()) == expected);
        CHECK(r.err == "");
    }

    TEST_CASE("a connection cut before the greeting is retried, and the retry succeeds") {
        thread_server server(
            [](scripted_peer& peer, unsigned connection) {
                if (connection == 0) {
                    peer.drop();
                    return;
                }
                serve_imap(peer, plain_greeting, no_special_answers);
            },
            2);
        const process_result r =
            run_uvimap(std::vector<std::string>{"list"} + plain_to(server) +
                           std::vector<std::string>{"--retries", "1", "--retry-delay", "0.05"},
                       "pw\n");
        CHECK(r.err == "");
        CHECK(r.exit_status == 0);
        CHECK(r.out.starts_with("Capabilities: ('IMAP4REV1', "));
    }

    TEST_CASE("without retries left, the cut connection is the account's error") {
        thread_server server([](scripted_peer& peer) { peer.drop(); });
        const process_result r = run_uvimap(std::vector<std::string>{"list"} + plain_to(server) +
                                                std::vector<std::string>{"--retries", "0"},
                                            "pw\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: connection_lost: "));
    }

    TEST_CASE("a TLS port that closes before the handshake is a cut connection, and retried") {
        // Courier at its per-address connection limit accepts and closes.
        std::atomic<int> connections = 0;
        process_result r;
        {
            thread_server server(
                [&](scripted_peer& peer, unsigned) {
                    ++connections;
                    peer.read_some();
                    peer.drop();
                },
                2);
            r = run_uvimap(
                {"list", "127.0.0.1", "alice", "--port", std::to_string(server.port()), "--cafile",
                 (test_cert_dir() / "ca.pem").string(), "--retries", "1", "--retry-delay", "0.05"},
                "pw\n");
        }
        CHECK(connections == 2);
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: connection_lost: "));
        CHECK(r.err.find("closed the connection before the TLS handshake began") !=
              std::string::npos);
    }

    TEST_CASE("a refused login is never retried") {
        CHECK(connections_when_login_fails(
                  [](scripted_peer&, const std::string& tag) {
                      return tag + " NO [AUTHENTICATIONFAILED] no\r\n";
                  },
                  "uvimap: imap_authentication_failed: ") == 1);
    }

    TEST_CASE("BYE in the middle of a command ends the run with the server's words") {
        thread_server server([](scripted_peer& peer) {
            serve_imap(
                peer, plain_greeting,
                [&](const std::string&, const std::string& command) -> std::optional<std::string> {
                    if (command.starts_with("LIST ")) {
                        peer.send("* BYE shutting down for maintenance\r\n");
                        peer.drop();
                        return "";
                    }
                    return std::nullopt;
                });
        });
        const process_result r =
            run_uvimap(std::vector<std::string>{"list"} + plain_to(server), "pw\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.find("shutting down for maintenance") != std::string::npos);
    }

    TEST_CASE("a response that breaks the grammar is a protocol error") {
        thread_server server([](scripted_peer& peer) {
            serve_imap(peer, plain_greeting,
                       [](const std::string& tag,
                          const std::string& command) -> std::optional<std::string> {
                           if (command.starts_with("LIST ")) {
                               return "* LIST (\\HasNoChildren \"/\" INBOX\r\n" + tag +
                                      " OK listed\r\n";
                           }
                           return std::nullopt;
                       });
        });
        const process_result r =
            run_uvimap(std::vector<std::string>{"list"} + plain_to(server), "pw\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: imap_protocol_error: "));
    }

    TEST_CASE("a server that stalls in the middle of a response times out") {
        thread_server server([](scripted_peer& peer) {
            serve_imap(
                peer, plain_greeting,
                [&](const std::string&, const std::string& command) -> std::optional<std::string> {
                    if (command.starts_with("LIST ")) {
                        peer.send("* LIST (\\HasNoChildren) \"/\" {100}\r\nhalf a na");
                        peer.read_some();  // until the client gives up
                        return "";
                    }
                    return std::nullopt;
                });
        });
        const process_result r =
            run_uvimap(std::vector<std::string>{"list"} + plain_to(server) +
                           std::vector<std::string>{"--timeout", "0.3", "--retries", "0"},
                       "pw\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: timed_out: "));
    }

    TEST_CASE("a server that keeps an account busy is cut off at --account-timeout, not retried") {
        std::atomic<int> connections = 0;
        {
            // Keepalives every 100 ms: --timeout, a limit on silence, never
            // fires.
            thread_server server(
                [&](scripted_peer& peer, unsigned) {
                    ++connections;
                    serve_imap(peer, plain_greeting,
                               [&](const std::string&,
                                   const std::string& command) -> std::optional<std::string> {
                                   if (command.starts_with("LIST ")) {
                                       while (peer.send("* OK still working\r\n")) {
                                           std::this_thread::sleep_for(100ms);
                                       }
                                       return "";
                                   }
                                   return std::nullopt;
                               });
                },
                2);
            const process_result r = run_uvimap(
                std::vector<std::string>{"list"} + plain_to(server) +
                    std::vector<std::string>{"--timeout", "1", "--account-timeout", "1.5",
                                             "--retries", "3", "--retry-delay", "0.01"},
                "pw\n");
            CHECK(r.exit_status == 1);
            CHECK(r.err ==
                  "uvimap: timed_out: 127.0.0.1 kept the account busy past --account-timeout "
                  "(1.5 s)\n");
        }
        CHECK(connections == 1);
    }

    TEST_CASE("a LOGOUT the server cuts short does not undo the work done") {
        thread_server server([](scripted_peer& peer) {
            serve_until_logout(peer, [](scripted_peer& p) {
                p.send("* BYE gone\r\n");
                p.drop();
            });
        });
        const process_result r =
            run_uvimap(std::vector<std::string>{"list"} + plain_to(server), "pw\n");
        CHECK(r.err == "");
        CHECK(r.exit_status == 0);
        CHECK(r.out.starts_with("Capabilities: "));
    }

    TEST_CASE("a LOGOUT the server never answers does not hold the account for --timeout") {
        thread_server server([](scripted_peer& peer) {
            serve_until_logout(peer, [](scripted_peer& p) {
                while (!p.read_some().empty()) {
                }
            });
        });
        // --timeout 3600: only the LOGOUT's own bound of a few seconds can
        // end this run before the process runner gives up on it.
        process_options options;
        options.timeout = std::chrono::seconds(30);
        const process_result r = run_uvimap(std::vector<std::string>{"list"} + plain_to(server) +
                                                std::vector<std::string>{"--timeout", "3600"},
                                            "pw\n", options);
        CHECK_FALSE(r.timed_out);
        CHECK(r.exit_status == 0);
        CHECK(r.out.starts_with("Capabilities: "));
    }

    TEST_CASE("a connection lost while LOGIN waits for its answer is not retried") {
        CHECK(connections_when_login_fails(
                  [](scripted_peer& peer, const std::string&) {
                      peer.drop();  // some servers refuse a password so
                      return std::string();
                  },
                  "uvimap: connection_lost: ") == 1);
    }

    TEST_CASE("a server that answers twice for one UID gets both printed, nothing lost") {
        // 28 characters of quoted-printable UTF-8 in the first 256 bytes: too
        // few, so each of the two answers gets a follow-up fetch.
        std::string first;
        for (int i = 0; i < 28; ++i) {
            first += "=E6=97=A5";
        }
        std::string more = first + first + first;
        const auto fetch_item = [](const std::string& text) {
            return "BODY[1]<0> {" + std::to_string(text.size()) + "}\r\n" + text;
        };
        const std::string structure =
            "BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL "
            "\"quoted-printable\" 2000 1 NIL NIL NIL NIL)";
        thread_server server([&](scripted_peer& peer) {
            serve_imap(peer, plain_greeting,
                       [&](const std::string& tag,
                           const std::string& command) -> std::optional<std::string> {
                           if (command.starts_with("EXAMINE ")) {
                               return "* 1 EXISTS\r\n" + tag + " OK [READ-ONLY] done\r\n";
                           }
                           const std::string message =
                               "(UID 5 ENVELOPE (NIL NIL ((\"A\" NIL \"a\" \"b.org\")) NIL NIL "
                               "NIL NIL NIL NIL NIL) " +
                               structure + " ";
                           if (command.starts_with("UID FETCH 1:* ")) {
                               return "* 1 FETCH " + message + fetch_item(first) + ")\r\n" +
                                      "* 1 FETCH " + message + fetch_item(first) + ")\r\n" + tag +
                                      " OK done\r\n";
                           }
                           if (command.starts_with("UID FETCH 5 ")) {
                               return "* 1 FETCH (UID 5 " + fetch_item(more) + ")\r\n" + tag +
                                      " OK done\r\n";
                           }
                           return std::nullopt;
                       });
        });
        const process_result r = run_uvimap(std::vector<std::string>{"summary"} + plain_to(server) +
                                                std::vector<std::string>{"INBOX"},
                                            "pw\n");
        CHECK(r.err == "");
        CHECK(r.exit_status == 0);
        std::string sixty;
        for (int i = 0; i < 60; ++i) {
            sixty += "日";
        }
        const std::string one = "5 A <a@b.org>\n   " + sixty + " ...\n";
        CHECK(r.out == one + one);
    }
}
