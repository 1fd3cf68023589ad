// Many accounts in one run against the Dovecot fixture: --accounts with a
// netrc or a password command, good and bad accounts side by side, --shard,
// the per-host cap, text blocks and JSON lines.

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <map>

#include "scripted_imap.hpp"
#include "support/temp_dir.hpp"
#include "uvimap_cli.hpp"

using namespace uvimap::test;

namespace {

// user0001 ... user00NN, the fixture's generated accounts.
std::vector<std::string> generated_users(const dovecot_fixture& fx, int how_many) {
    const int available = fx.int_value("GEN_USERS").value_or(0);
    REQUIRE(available >= how_many);
    std::vector<std::string> users;
    for (int i = 1; i <= how_many; ++i) {
        users.push_back(fmt::format("user{:04d}", i));
    }
    return users;
}

std::string netrc_for(const dovecot_fixture& fx, const std::vector<std::string>& generated) {
    std::string text = "machine " + fx.host + " login alice password wonderland\n";
    text += "machine " + fx.host + " login empty password not-the-password\n";
    for (const std::string& user : generated) {
        text += "machine " + fx.host + " login " + user + " password pw-" + user + "\n";
    }
    return text;
}

std::string lines_of(const std::vector<std::string>& urls) {
    std::string text;
    for (const std::string& url : urls) {
        text += url + "\n";
    }
    return text;
}

// JSON lines by their account.
std::map<std::string, std::string> by_account(const std::string& out) {
    std::map<std::string, std::string> lines;
    for (const std::string& line : sorted_lines(out)) {
        const std::string prefix = "{\"account\":\"";
        REQUIRE(line.starts_with(prefix));
        lines[line.substr(prefix.size(), line.find('"', prefix.size()) - prefix.size())] = line;
    }
    return lines;
}

// Text blocks ("== URL ==" and the lines up to the next header) by account.
std::map<std::string, std::string> blocks(const std::string& out) {
    std::map<std::string, std::string> found;
    std::string current;
    std::size_t start = 0;
    while (start < out.size()) {
        const std::size_t end = out.find('\n', start);
        const std::string line = out.substr(start, end - start);
        start = end + 1;
        if (line.starts_with("== ") && line.ends_with(" ==")) {
            current = line.substr(3, line.size() - 6);
            found[current];
        } else {
            REQUIRE_FALSE(current.empty());
            found[current] += line + "\n";
        }
    }
    return found;
}

std::string error_kind(const std::string& json_line) {
    const std::string key = "\"error\":{\"kind\":\"";
    const std::size_t at = json_line.find(key);
    if (at == std::string::npos) {
        return "";
    }
    return json_line.substr(at + key.size(),
                            json_line.find('"', at + key.size()) - at - key.size());
}

}  // namespace

TEST_SUITE("uvimap: many accounts") {
    TEST_CASE("good and bad accounts side by side: each good one whole, each bad one its error") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const std::vector<std::string> users = generated_users(fx, 5);
        temp_dir dir;
        const std::string netrc = dir.write("netrc", netrc_for(fx, users));

        std::vector<std::string> good = {
            imaps_url(fx, "alice"),
            "imap://alice@" + fx.host + ":" + std::to_string(fx.imap_port),  // STARTTLS
        };
        for (const std::string& user : users) {
            good.push_back(imaps_url(fx, user));
        }
        // Two connections each: the JSON run's and the text run's.
        thread_server silent([](scripted_peer& peer, unsigned) { peer.read_some(); }, 2);
        thread_server bye(
            [](scripted_peer& peer, unsigned) {
                peer.send("* BYE too many connections from your address\r\n");
                peer.read_some();
            },
            2);
        const std::map<std::string, std::string> bad = {
            {imaps_url(fx, "empty"), "imap_authentication_failed"},
            {imaps_url(fx, "nobody"), "imap_authentication_failed"},  // no netrc entry
            {"imaps://alice@127.0.0.1:" + std::to_string(closed_port()), "connection_refused"},
            {"imaps://alice@127.0.0.1:" + std::to_string(fx.imap_port), "tls_handshake_failed"},
            {"imap://alice@127.0.0.1:" + std::to_string(silent.port()), "timed_out"},
            {"imap://alice@127.0.0.1:" + std::to_string(bye.port()), "imap_bye"},
        };
        std::vector<std::string> all = good;
        for (const auto& [url, kind] : bad) {
            all.insert(all.begin() + static_cast<long>(all.size() / 2), url);
        }
        const std::vector<std::string> common = {"status",    "INBOX",    "--netrc",   netrc,
                                                 "--cafile",  fx.ca_file, "--timeout", "3",
                                                 "--retries", "0"};

        const process_result mixed =
            run_uvimap(common + std::vector<std::string>{
                                    "--accounts", dir.write("all", lines_of(all)), "--json"});
        const process_result only_good =
            run_uvimap(common + std::vector<std::string>{
                                    "--accounts", dir.write("good", lines_of(good)), "--json"});
        CHECK(mixed.exit_status == 1);
        CHECK(only_good.exit_status == 0);
        const auto mixed_lines = by_account(mixed.out);
        const auto good_lines = by_account(only_good.out);
        CHECK(mixed_lines.size() == all.size());
        REQUIRE(good_lines.size() == good.size());
        for (const std::string& url : good) {
            CAPTURE(url);
            REQUIRE(mixed_lines.count(url) == 1);
            CHECK(mixed_lines.at(url) == good_lines.at(url));
            CHECK(mixed_lines.at(url).find("\"ok\":true") != std::string::npos);
        }
        for (const auto& [url, kind] : bad) {
            CAPTURE(url);
            REQUIRE(mixed_lines.count(url) == 1);
            CHECK(error_kind(mixed_lines.at(url)) == kind);
        }
        CHECK(mixed_lines.at(imaps_url(fx, "nobody")).find("no entry for nobody") !=
              std::string::npos);

        // Text: a block per account under its header line, the same blocks
        // for the good accounts, and the error in each bad one's block.
        const process_result text = run_uvimap(
            common + std::vector<std::string>{"--accounts", dir.write("all2", lines_of(all))});
        const process_result good_text = run_uvimap(
            common + std::vector<std::string>{"--accounts", dir.write("good2", lines_of(good))});
        const auto text_blocks = blocks(text.out);
        const auto good_blocks = blocks(good_text.out);
        CHECK(text_blocks.size() == all.size());
        for (const std::string& url : good) {
            CAPTURE(url);
            CHECK(text_blocks.at(url) == good_blocks.at(url));
            CHECK(text_blocks.at(url).starts_with("EXISTS: "));
        }
        for (const auto& [url, kind] : bad) {
            CAPTURE(url);
            CHECK(text_blocks.at(url).starts_with("error: " + kind + ": "));
        }
        CHECK(text_blocks.at(imaps_url(fx, "alice")).starts_with("EXISTS: 3\n"));
    }

    TEST_CASE("--shard I/N: the JSON lines of 4 shards are exactly those of one unsharded run") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const int count = fx.int_value("GEN_USERS").value_or(0);
        const std::vector<std::string> users = generated_users(fx, count);
        temp_dir dir;
        const std::string netrc = dir.write("netrc", netrc_for(fx, users));
        std::vector<std::string> urls = {imaps_url(fx, "alice")};
        for (const std::string& user : users) {
            urls.push_back(imaps_url(fx, user));
        }
        const std::string accounts = dir.write("accounts", "# generated\n\n" + lines_of(urls));
        const std::vector<std::string> common = {"summary",  "INBOX",    "--accounts",
                                                 accounts,   "--netrc",  netrc,
                                                 "--cafile", fx.ca_file, "--json"};
        const process_result whole = run_uvimap(common);
        CHECK(whole.exit_status == 0);
        std::string concatenated;
        for (int shard = 0; shard < 4; ++shard) {
            const process_result part = run_uvimap(
                common + std::vector<std::string>{"--shard", fmt::format("{}/4", shard)});
            CHECK(part.exit_status == 0);
            CHECK_FALSE(part.out.empty());
            concatenated += part.out;
        }
        CHECK(sorted_lines(concatenated) == sorted_lines(whole.out));
        CHECK(sorted_lines(whole.out).size() == urls.size());
    }

    TEST_CASE("--per-host, --concurrency and --account-timeout change the pace, not the output") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const std::vector<std::string> users = generated_users(fx, 12);
        temp_dir dir;
        const std::string netrc = dir.write("netrc", netrc_for(fx, users));
        std::vector<std::string> urls;
        for (const std::string& user : users) {
            urls.push_back(imaps_url(fx, user));
        }
        const std::vector<std::string> common = {
            "list",     "--accounts", dir.write("accounts", lines_of(urls)),
            "--netrc",  netrc,        "--cafile",
            fx.ca_file, "--json"};
        const process_result free_run = run_uvimap(common);
        const process_result capped =
            run_uvimap(common + std::vector<std::string>{"--per-host", "1", "--concurrency", "3",
                                                         "--account-timeout", "30"});
        CHECK(free_run.exit_status == 0);
        CHECK(capped.exit_status == 0);
        CHECK(sorted_lines(capped.out) == sorted_lines(free_run.out));
    }

    TEST_CASE("--password-command gives each account its password") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const std::vector<std::string> users = generated_users(fx, 4);
        temp_dir dir;
        std::vector<std::string> urls;
        for (const std::string& user : users) {
            urls.push_back(imaps_url(fx, user));
        }
        const process_result r =
            run_uvimap({"status", "INBOX", "--accounts", dir.write("accounts", lines_of(urls)),
                        "--password-command", "echo \"pw-$UVIMAP_ACCOUNT_USER\"", "--cafile",
                        fx.ca_file, "--json"});
        CHECK(r.exit_status == 0);
        CHECK(by_account(r.out).size() == users.size());
        CHECK(r.out.find("\"ok\":false") == std::string::npos);

        const process_result failing =
            run_uvimap({"status", "INBOX", "--accounts", dir.write("one", lines_of({urls[0]})),
                        "--password-command", "echo no such secret >&2; exit 3", "--cafile",
                        fx.ca_file, "--json"});
        CHECK(failing.exit_status == 1);
        CHECK(failing.out.find("\"ok\":false") != std::string::npos);
    }

    TEST_CASE("a netrc file that others can read is refused before anything connects") {
        const dovecot_fixture fx = dovecot_fixture::require();
        temp_dir dir;
        const std::string netrc =
            dir.write("netrc", "machine " + fx.host + " login alice password wonderland\n", 0644);
        const process_result r =
            run_uvimap({"list", "--accounts", dir.write("accounts", imaps_url(fx, "alice") + "\n"),
                        "--netrc", netrc, "--cafile", fx.ca_file});
        CHECK(r.exit_status == 2);
        CHECK(r.out == "");
        CHECK(r.err.find("refusing to read this netrc") != std::string::npos);
    }

    TEST_CASE("a bad line in the accounts file is a usage error that names the line") {
        temp_dir dir;
        const process_result r =
            run_uvimap({"list", "--accounts",
                        dir.write("accounts", "imaps://alice@127.0.0.1\nhttp://alice@host\n"),
                        "--password-command", "echo x"});
        CHECK(r.exit_status == 2);
        CHECK(r.err.find(":2: ") != std::string::npos);
    }

    TEST_CASE("output that cannot be written stops the run with exit status 1") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const std::vector<std::string> users = generated_users(fx, 6);
        temp_dir dir;
        std::vector<std::string> urls;
        for (const std::string& user : users) {
            urls.push_back(imaps_url(fx, user));
        }
        process_options to_full_disk;
        to_full_disk.stdout_file = "/dev/full";
        const process_result r =
            run_uvimap({"list", "--accounts", dir.write("accounts", lines_of(urls)), "--netrc",
                        dir.write("netrc", netrc_for(fx, users)), "--cafile", fx.ca_file, "--json",
                        "--concurrency", "1"},
                       "", to_full_disk);
        CHECK(r.exit_status == 1);
        CHECK(r.err.find("uvimap: cannot write the output: No space left on device") !=
              std::string::npos);
    }
}
