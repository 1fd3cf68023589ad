// The password from standard input: from a pipe (the chapter's
// `echo abc123 |`), and from a real pseudo-terminal with echo off.

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "stdin_password.hpp"

using namespace uvimap::app;

namespace {

// What `fd` has to read, waiting at most `timeout_ms` for each piece.
std::string drain(int fd, int timeout_ms) {
    std::string out;
    char buffer[256];
    pollfd ready{fd, POLLIN, 0};
    while (::poll(&ready, 1, timeout_ms) > 0) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

struct pipe_pair {
    int read_end = -1;
    int write_end = -1;
    pipe_pair() {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        read_end = fds[0];
        write_end = fds[1];
    }
    ~pipe_pair() {
        close_write();
        ::close(read_end);
    }
    void write(std::string_view text) const {
        REQUIRE(::write(write_end, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }
    void close_write() {
        if (write_end >= 0)
            ::close(write_end);
        write_end = -1;
    }
    // What is there to read now, without waiting.
    std::string available() const { return drain(read_end, 0); }
};

std::string from_pipe(std::string_view input) {
    pipe_pair in;
    pipe_pair prompt;
    in.write(input);
    in.close_write();
    auto password = read_password_line(in.read_end, prompt.write_end, "Password: ");
    CHECK(prompt.available().empty());  // no prompt unless a terminal
    REQUIRE_MESSAGE(password.has_value(), (password ? "" : password.error()));
    return std::string(password->expose());
}

std::string error_from_pipe(std::string_view input) {
    pipe_pair in;
    in.write(input);
    in.close_write();
    auto password = read_password_line(in.read_end, -1, "");
    REQUIRE_FALSE(password.has_value());
    return password.error();
}

}  // namespace

TEST_SUITE("cli: stdin password") {
    TEST_CASE("from a pipe: the first line, without prompt") {
        CHECK(from_pipe("abc123\n") == "abc123");
        CHECK(from_pipe("abc123\r\n") == "abc123");
        CHECK(from_pipe("abc123") == "abc123");
        CHECK(from_pipe("  spaces kept \n") == "  spaces kept ");
        CHECK(from_pipe("first\nsecond\n") == "first");
    }

    TEST_CASE("nothing after the first line is taken from the input") {
        pipe_pair in;
        in.write("abc123\nthe rest\n");
        auto password = read_password_line(in.read_end, -1, "");
        REQUIRE(password.has_value());
        CHECK(in.available() == "the rest\n");
    }

    TEST_CASE("an empty line or no input at all is an error") {
        CHECK(error_from_pipe("") ==
              "no password on standard input (an empty line, or nothing at all)");
        CHECK(error_from_pipe("\n") ==
              "no password on standard input (an empty line, or nothing at all)");
        CHECK(error_from_pipe("\r\n") ==
              "no password on standard input (an empty line, or nothing at all)");
    }

    TEST_CASE("a line longer than 4096 bytes is refused") {
        CHECK(from_pipe(std::string(4096, 'x') + "\n").size() == 4096);
        CHECK(error_from_pipe(std::string(4097, 'x') + "\n") ==
              "the password on standard input is longer than 4096 bytes");
    }

    TEST_CASE("a descriptor that cannot be read is an error") {
        const std::string error = [] {
            auto password = read_password_line(-1, -1, "");
            REQUIRE_FALSE(password.has_value());
            return password.error();
        }();
        CHECK(error.find("cannot read the password from standard input") == 0);
    }

    TEST_CASE("from a terminal: a prompt, no echo while typing, echo restored after") {
        int master = -1;
        int slave = -1;
        REQUIRE(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
        pipe_pair prompt;

        std::string password;
        std::thread reader([&] {
            auto read = read_password_line(slave, prompt.write_end, "Password for alice: ");
            password = read ? std::string(read->expose()) : "error: " + read.error();
        });
        // Type only once echo is off, as a person would after the prompt.
        bool echo_off = false;
        for (int i = 0; i < 500 && !echo_off; ++i) {
            struct termios now {};
            REQUIRE(::tcgetattr(slave, &now) == 0);
            echo_off = (now.c_lflag & ECHO) == 0;
            if (!echo_off)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        REQUIRE(echo_off);
        const std::string typed = "s3cret\n";
        REQUIRE(::write(master, typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
        reader.join();

        CHECK(password == "s3cret");
        CHECK(prompt.available() == "Password for alice: ");
        // The terminal showed the newline but not the password.
        const std::string shown = drain(master, 100);
        CHECK(shown.find("s3cret") == std::string::npos);
        CHECK(shown.find('\n') != std::string::npos);
        struct termios after {};
        REQUIRE(::tcgetattr(slave, &after) == 0);
        CHECK((after.c_lflag & ECHO) != 0);
        ::close(slave);
        ::close(master);
    }
}
