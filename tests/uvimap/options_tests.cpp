// The options of one-account runs against the Dovecot fixture: how to
// connect and whom to trust, --timeout, --trace, --json, and the exit
// statuses.

#include <doctest/doctest.h>

#include "support/thread_server.hpp"
#include "uvimap_cli.hpp"

using namespace uvimap::test;

namespace {

std::vector<std::string> summary_of_alice(const dovecot_fixture& fx) {
    return {"summary", fx.host, "alice", "INBOX"};
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_SUITE("uvimap: options") {
    TEST_CASE("--starttls upgrades the plain port and gives the same output") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result tls = run_over_tls(fx, summary_of_alice(fx), "wonderland\n");
        const process_result starttls = run_uvimap(
            summary_of_alice(fx) + std::vector<std::string>{"--starttls", "--port",
                                                            std::to_string(fx.imap_port),
                                                            "--cafile", fx.ca_file, "--trace"},
            "wonderland\n");
        CHECK(starttls.exit_status == 0);
        CHECK(starttls.out == tls.out);
        CHECK(starttls.err.find("STARTTLS") != std::string::npos);
    }

    TEST_CASE("--plain refuses to send the password without --allow-plaintext-login") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const std::vector<std::string> plain = {"--plain", "--port", std::to_string(fx.imap_port),
                                                "--trace"};
        const process_result refused = run_uvimap(summary_of_alice(fx) + plain, "wonderland\n");
        CHECK(refused.exit_status == 1);
        CHECK(refused.err.find("uvimap: imap_insecure: ") != std::string::npos);
        CHECK(refused.err.find("--allow-plaintext-login sends the password in clear") !=
              std::string::npos);
        CHECK(refused.err.find(" LOGIN ") == std::string::npos);

        const process_result allowed = run_uvimap(
            summary_of_alice(fx) + plain + std::vector<std::string>{"--allow-plaintext-login"},
            "wonderland\n");
        CHECK(allowed.exit_status == 0);
        CHECK(allowed.out.starts_with("1 Postmaster <postmaster@mail.example.org>\n"));
    }

    TEST_CASE("the certificate is checked: without --cafile the test CA is not trusted") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r =
            run_uvimap(summary_of_alice(fx) +
                           std::vector<std::string>{"--port", std::to_string(fx.imaps_port)},
                       "wonderland\n");
        CHECK(r.exit_status == 1);
        CHECK(r.out == "");
        CHECK(r.err.starts_with("uvimap: tls_untrusted_certificate: "));
    }

    TEST_CASE("--insecure connects anyway, and says what that means") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_uvimap(
            summary_of_alice(fx) +
                std::vector<std::string>{"--port", std::to_string(fx.imaps_port), "--insecure"},
            "wonderland\n");
        CHECK(r.exit_status == 0);
        CHECK(
            r.err.starts_with("uvimap: warning: --insecure: the server's certificate is not "
                              "checked"));
        CHECK(r.out.starts_with("1 Postmaster"));
    }

    TEST_CASE("--trace shows the protocol on standard error, the password redacted") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, summary_of_alice(fx) + std::vector<std::string>{"--trace"}, "wonderland\n");
        CHECK(r.exit_status == 0);
        CHECK(r.err.find("LOGIN") != std::string::npos);
        CHECK(r.err.find("UID FETCH 1:* (UID ENVELOPE BODYSTRUCTURE BODY.PEEK[1]<0.256>)") !=
              std::string::npos);
        CHECK(r.err.find("wonderland") == std::string::npos);
        CHECK(r.out.starts_with("1 Postmaster"));
    }

    TEST_CASE("summary fetches the folder in one command and never a whole message") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, std::vector<std::string>{"summary", fx.host, "user0001", "INBOX", "--trace"},
            "pw-user0001\n");
        CHECK(r.exit_status == 0);
        CHECK(count(r.err, "UID FETCH 1:*") == 1);
        CHECK(r.err.find("BODY.PEEK[]") == std::string::npos);
        CHECK(r.err.find("RFC822") == std::string::npos);
    }

    TEST_CASE("a wrong password fails once, is not retried, exit status 1") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, summary_of_alice(fx) + std::vector<std::string>{"--trace"}, "not-the-password\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.find("uvimap: imap_authentication_failed: ") != std::string::npos);
        CHECK(count(r.err, " LOGIN ") == 1);
        CHECK(r.err.find("not-the-password") == std::string::npos);
    }

    TEST_CASE("--timeout: a server that never greets ends the run with timed_out") {
        uvimap::test::thread_server silent([](scripted_peer& peer) { peer.read_some(); });
        const process_result r = run_uvimap(
            {"list", "127.0.0.1", "alice", "--plain", "--allow-plaintext-login", "--port",
             std::to_string(silent.port()), "--timeout", "0.3", "--retries", "0"},
            "wonderland\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: timed_out: "));
    }

    TEST_CASE(
        "--starttls to the implicit-TLS port times out waiting for a greeting, and says why") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_uvimap(
            {"list", "127.0.0.1", "alice", "--starttls", "--port", std::to_string(fx.imaps_port),
             "--cafile", fx.ca_file, "--timeout", "0.5", "--retries", "0"},
            "wonderland\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: timed_out: 127.0.0.1 sent no greeting within 500 ms"));
        CHECK(r.err.find("a port that expects TLS at once") != std::string::npos);
    }

    TEST_CASE("a refused connection: connection_refused, exit status 1") {
        const process_result r =
            run_uvimap({"list", "127.0.0.1", "alice", "--port", std::to_string(closed_port()),
                        "--retries", "1", "--retry-delay", "0.05"},
                       "wonderland\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: connection_refused: "));
    }

    TEST_CASE("--json: one object with the account, ok, error and the data") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, summary_of_alice(fx) + std::vector<std::string>{"--json"}, "wonderland\n");
        CHECK(r.exit_status == 0);
        CHECK(r.out ==
              "{\"account\":\"" + imaps_url(fx, "alice") +
                  "\",\"ok\":true,\"error\":null,\"data\":{\"folder\":\"INBOX\",\"messages\":["
                  "{\"uid\":1,\"from\":\"Postmaster <postmaster@mail.example.org>\",\"text\":"
                  "\"Thank you for signing up with example.org's friendly neighbo\"},"
                  "{\"uid\":2,\"from\":\"Postmaster <postmaster@mail.example.org>\",\"text\":"
                  "\"Notices from the postmaster are written as plain text with n\"},"
                  "{\"uid\":3,\"from\":\"Carol Writer <carol@example.org>\",\"parts\":"
                  "[\"multipart/alternative\",\"text/plain\"]}]}}\n");

        const process_result failed =
            run_over_tls(fx, summary_of_alice(fx) + std::vector<std::string>{"--json"}, "wrong\n");
        CHECK(failed.exit_status == 1);
        CHECK(failed.out.starts_with("{\"account\":\"" + imaps_url(fx, "alice") +
                                     "\",\"ok\":false,\"error\":{\"kind\":"
                                     "\"imap_authentication_failed\",\"message\":"));
        CHECK(failed.out.ends_with(",\"data\":null}\n"));
    }

    TEST_CASE("--json for list and status") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result list = run_over_tls(
            fx, std::vector<std::string>{"list", fx.host, "empty", "--json"}, "empty\n");
        CHECK(list.exit_status == 0);
        CHECK(list.out.find("\"capabilities\":[\"IMAP4rev1\",") != std::string::npos);
        CHECK(list.out.find("\"mailboxes\":[{\"name\":\"INBOX\",\"flags\":[") != std::string::npos);
        const process_result status = run_over_tls(
            fx, std::vector<std::string>{"status", fx.host, "empty", "INBOX", "--json"}, "empty\n");
        CHECK(status.exit_status == 0);
        CHECK(status.out.find("\"data\":{\"folder\":\"INBOX\",\"exists\":0,") != std::string::npos);
    }

    TEST_CASE("--stats: one JSON line of what the run cost, after the output") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx,
            summary_of_alice(fx) + std::vector<std::string>{"--stats", "--no-session-resumption"},
            "wonderland\n");
        CHECK(r.exit_status == 0);
        CHECK(r.out.starts_with("1 Postmaster"));
        CHECK(
            r.err.starts_with("{\"tool\":\"uvimap\",\"accounts\":1,\"succeeded\":1,"
                              "\"failed\":0,\"concurrency\":64,\"wall_s\":"));
        CHECK(r.err.ends_with("}\n"));
        CHECK(r.err.find("\"bytes_read\":0,") == std::string::npos);
        CHECK(r.err.find("\"bytes_written\":") != std::string::npos);
        CHECK(r.err.find("\"max_rss_kib\":") != std::string::npos);
    }

    TEST_CASE("--version and --help") {
        const process_result version = run_uvimap({"--version"});
        CHECK(version.exit_status == 0);
        CHECK(version.out == "uvimap 0.1.0\n");
        for (const char* command : {"list", "status", "summary", "browse"}) {
            CAPTURE(command);
            const process_result help = run_uvimap({command, "--help"});
            CHECK(help.exit_status == 0);
            CHECK(help.out.find("--timeout") != std::string::npos);
            CHECK(help.out.find("--cafile") != std::string::npos);
        }
        CHECK(run_uvimap({"browse", "--help"}).out.find("--json") == std::string::npos);
    }

    TEST_CASE("usage errors exit with status 2 and say what is wrong") {
        const std::pair<std::vector<std::string>, const char*> cases[] = {
            {{}, "A subcommand is required"},
            {{"list"}, "expected HOST USER"},
            {{"status", "h", "u"}, "expected HOST USER FOLDER"},
            {{"list", "h", "u", "--frobnicate"}, "--frobnicate"},
            {{"list", "h", "u", "--allow-plaintext-login"},
             "--allow-plaintext-login goes with --plain"},
            {{"list", "h", "u", "--plain", "--starttls"}, "excludes"},
            {{"list", "h", "u", "--shard", "0/2"}, "--shard goes with --accounts"},
            {{"list", "h", "u", "--port", "0"}, "--port"},
            {{"list", "h", "u", "--cafile", "/nonexistent/ca.pem"}, "/nonexistent/ca.pem"},
            {{"list", "h", "u", "--timeout", "-1"}, "--timeout"},
            {{"list", "h", "u", "--accounts", "/dev/null"},
             "with --accounts, expected no HOST or USER"},
            {{"list", "--accounts", "/dev/null", "--port", "993"},
             "not --starttls, --plain or --port"},
            {{"list", "h", "u", "--timeout", "1e20"}, "--timeout"},
            {{"list", "h", "u", "--retry-delay", "1e9"}, "--retry-delay"},
        };
        for (const auto& [args, message] : cases) {
            const std::string expected = message;
            CAPTURE(expected);
            const process_result r = run_uvimap(args, "pw\n");
            CHECK(r.exit_status == 2);
            CHECK((r.out + r.err).find(message) != std::string::npos);
        }
    }

    TEST_CASE("no password on standard input is a usage error, not a login attempt") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r =
            run_over_tls(fx, std::vector<std::string>{"list", fx.host, "alice"}, "");
        CHECK(r.exit_status == 2);
        CHECK(r.err.find("no password on standard input") != std::string::npos);
    }
}
