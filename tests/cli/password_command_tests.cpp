// --password-command with real /bin/sh children: results, every kind of
// failure, the environment, cancellation and timeouts that kill and reap,
// and a loop that keeps running meanwhile.

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>

#include "cli_error.hpp"
#include "password_command.hpp"
#include "support/temp_dir.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap;
using namespace uvimap::app;
using namespace std::chrono_literals;

namespace {

account test_account() {
    auto parsed = parse_account_url("imaps://al%20ice@imap.example.org:10993");
    REQUIRE(parsed.has_value());
    return *parsed;
}

std::string run_ok(test::test_loop& loop, const std::string& command,
                   password_command_options options = {}) {
    return std::string(
        loop.run(run_password_command(loop, command, test_account(), options), 10s).expose());
}

// Runs the command and returns the error it fails with.
uvimap::error run_failing(test::test_loop& loop, const std::string& command,
                          password_command_options options = {}) {
    try {
        (void)loop.run(run_password_command(loop, command, test_account(), options), 10s);
    } catch (const uvimap::error& e) {
        return e;
    }
    FAIL("the password command did not fail");
    return uvimap::error(std::error_code{}, "");
}

pid_t read_pid(const std::string& file) {
    std::ifstream in(file);
    pid_t pid = 0;
    in >> pid;
    return pid;
}

bool process_exists(pid_t pid) {
    return ::kill(pid, 0) == 0 || errno != ESRCH;
}

}  // namespace

TEST_SUITE("cli: password command") {
    TEST_CASE("the password is the first line of standard output") {
        test::test_loop loop;
        CHECK(run_ok(loop, "printf 'abc123\\nnotes: more lines\\n'") == "abc123");
        CHECK(run_ok(loop, "printf 'with spaces and \\\\ \\n'") == "with spaces and \\ ");
        CHECK(run_ok(loop, "printf 'crlf\\r\\n'") == "crlf");
        CHECK(run_ok(loop, "printf 'no line end'") == "no line end");
    }

    TEST_CASE("the account is in the environment, replacing inherited values") {
        ::setenv("UVIMAP_ACCOUNT_URL", "imaps://stale@elsewhere", 1);
        test::test_loop loop;
        const std::string seen =
            run_ok(loop,
                   "printf '%s|%s|%s|%s\\n' \"$UVIMAP_ACCOUNT_URL\" \"$UVIMAP_ACCOUNT_USER\" "
                   "\"$UVIMAP_ACCOUNT_HOST\" \"$UVIMAP_ACCOUNT_PORT\"");
        ::unsetenv("UVIMAP_ACCOUNT_URL");
        CHECK(seen == "imaps://al%20ice@imap.example.org:10993|al ice|imap.example.org|10993");
    }

    TEST_CASE("the rest of uvimap's environment is passed on") {
        ::setenv("UVIMAP_TEST_INHERITED", "yes", 1);
        test::test_loop loop;
        CHECK(run_ok(loop, "echo \"inherited=$UVIMAP_TEST_INHERITED\"") == "inherited=yes");
        ::unsetenv("UVIMAP_TEST_INHERITED");
    }

    TEST_CASE("standard input is /dev/null") {
        test::test_loop loop;
        CHECK(run_ok(loop, "if read line; then echo got-input; else echo empty-input; fi") ==
              "empty-input");
    }

    TEST_CASE("standard error passes through to uvimap's") {
        uvimap::test::temp_dir dir;
        const std::string captured = (dir.path() / "stderr").string();
        const int saved = ::dup(2);
        const int file = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(file >= 0);
        ::dup2(file, 2);
        ::close(file);
        std::string password;
        {
            test::test_loop loop;
            password = run_ok(loop, "echo 'gpg: decryption failed' >&2; echo pw");
        }
        ::dup2(saved, 2);
        ::close(saved);
        CHECK(password == "pw");
        std::ifstream in(captured);
        std::string line;
        std::getline(in, line);
        CHECK(line == "gpg: decryption failed");
    }

    TEST_CASE("a non-zero exit status fails, without the output in the message") {
        test::test_loop loop;
        const auto e = run_failing(loop, "echo hunter2; exit 3");
        CHECK(e.code() == errc::password_command_failed);
        CHECK(uvimap::code_name(e.code()) == "password_command_failed");
        CHECK(std::string(e.what()) == "the password command exited with status 3");
    }

    TEST_CASE("a command killed by a signal fails and names it") {
        test::test_loop loop;
        const auto e = run_failing(loop, "echo hunter2; kill -TERM $$");
        CHECK(e.code() == errc::password_command_killed);
        CHECK(std::string(e.what()) == "the password command was killed by SIGTERM");
    }

    TEST_CASE("no output, or an empty first line, is no password") {
        test::test_loop loop;
        for (const char* command : {"true", "echo", "printf '\\r\\nsecond\\n'", "cat"}) {
            CAPTURE(command);
            const auto e = run_failing(loop, command);
            CHECK(e.code() == errc::password_command_no_output);
        }
    }

    TEST_CASE("endless output is cut off: the command is killed") {
        test::test_loop loop;
        const auto e = run_failing(loop, "yes");
        CHECK(e.code() == errc::password_command_output_too_long);
        CHECK(std::string(e.what()) == "the password command printed more than 65536 bytes");
        const auto small = run_failing(loop, "printf '%0100d\\n' 0", {.max_output = 64});
        CHECK(small.code() == errc::password_command_output_too_long);
        CHECK(run_ok(loop, "printf '%063d' 0", {.max_output = 64}).size() == 63);
    }

    TEST_CASE("a command that takes too long is killed and reaped") {
        uvimap::test::temp_dir dir;
        const std::string pid_file = (dir.path() / "pid").string();
        test::test_loop loop;
        const auto e =
            run_failing(loop, "echo $$ > '" + pid_file + "'; exec sleep 30", {.timeout = 1000ms});
        CHECK(e.code() == errc::password_command_timed_out);
        CHECK(std::string(e.what()) ==
              "the password command did not finish within 1000 ms and was killed");
        const pid_t pid = read_pid(pid_file);
        REQUIRE(pid > 0);
        CHECK_FALSE(process_exists(pid));
    }

    TEST_CASE("cancelling the awaiting task kills the command and reaps it") {
        uvimap::test::temp_dir dir;
        const std::string pid_file = (dir.path() / "pid").string();
        test::test_loop loop;
        async::cancellation_source source;
        auto body = [&]() -> async::task<void> {
            async::async_scope scope;
            auto cancel_soon = [&]() -> async::task<void> {
                // Time enough for the shell to write its pid, even on a
                // busy machine.
                co_await async::sleep_for(loop, 500ms);
                source.request_cancellation();
            };
            scope.spawn(cancel_soon());
            try {
                (void)co_await async::with_cancellation(
                    source.token(),
                    run_password_command(loop, "echo $$ > '" + pid_file + "'; exec sleep 30",
                                         test_account()));
                FAIL("not cancelled");
            } catch (const uvimap::error& e) {
                CHECK(e.code() == async::errc::cancelled);
            }
            co_await scope.join();
        };
        loop.run(body(), 10s);
        const pid_t pid = read_pid(pid_file);
        REQUIRE(pid > 0);
        CHECK_FALSE(process_exists(pid));
    }

    TEST_CASE("a task cancelled before it starts runs no command") {
        test::test_loop loop;
        async::cancellation_source source;
        source.request_cancellation();
        try {
            (void)loop.run(async::with_cancellation(
                source.token(), run_password_command(loop, "echo pw", test_account())));
            FAIL("not cancelled");
        } catch (const uvimap::error& e) {
            CHECK(e.code() == async::errc::cancelled);
        }
    }

    TEST_CASE("the loop keeps running while the command works") {
        test::test_loop loop;
        int ticks = 0;
        bool finished = false;
        std::string password;
        auto ticker = [&]() -> async::task<void> {
            while (!finished) {
                co_await async::sleep_for(loop, 10ms);
                ++ticks;
            }
        };
        auto body = [&]() -> async::task<void> {
            async::async_scope scope;
            scope.spawn(ticker());
            auto secret = co_await run_password_command(loop, "sleep 0.5; echo pw", test_account());
            password = std::string(secret.expose());
            finished = true;
            co_await scope.join();
        };
        loop.run(body(), 10s);
        CHECK(password == "pw");
        // 500 ms of 10 ms ticks, with room for a slow machine.
        CHECK(ticks >= 20);
    }

    TEST_CASE("many commands run at once, each with its own account") {
        test::test_loop loop;
        std::vector<std::string> results(20);
        auto one = [&](int i) -> async::task<void> {
            account a = test_account();
            a.user = "user" + std::to_string(i);
            a.url = canonical_url(a);
            auto secret =
                co_await run_password_command(loop, "echo \"pw-$UVIMAP_ACCOUNT_USER\"", a);
            results[static_cast<std::size_t>(i)] = std::string(secret.expose());
        };
        auto body = [&]() -> async::task<void> {
            async::async_scope scope;
            for (int i = 0; i < 20; ++i)
                scope.spawn(one(i));
            co_await scope.join();
            scope.rethrow_first_error();
        };
        loop.run(body(), 20s);
        for (int i = 0; i < 20; ++i)
            CHECK(results[static_cast<std::size_t>(i)] == "pw-user" + std::to_string(i));
    }
}
