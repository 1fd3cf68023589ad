// Embedding uvimap in an application that already runs a libuv loop.
//
// The application here owns its loop and a heartbeat timer. From the timer's
// first callback (plain C code, no coroutine in sight) it spawns a uvimap task
// that connects with TLS to an IMAP server and reads the greeting; the
// completion handler gets the result and shuts the application down. uvimap
// adds no thread, no global state and no loop of its own.
//
//   embed_greeting HOST PORT [CA_FILE]
//
// Built by docs/examples/CMakeLists.txt and run against the test Dovecot by
// CTest, so this example cannot silently rot.

#include <uv.h>

#include <cctype>
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>

#include "uvimap/async/error.hpp"
#include "uvimap/async/run.hpp"
#include "uvimap/tls/tls.hpp"

namespace {

struct application {
    uv_loop_t loop{};
    uv_timer_t heartbeat{};
    int beats = 0;
    std::string host;
    std::uint16_t port = 993;
    uvimap::tls::client_context tls;
    int exit_code = 1;
};

// Server text goes to a terminal: keep printable ASCII, show the rest escaped.
std::string printable(std::string_view text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isprint(c) != 0) {
            out += static_cast<char>(c);
        } else if (c != '\r' && c != '\n') {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        }
    }
    return out;
}

uvimap::async::task<void> read_greeting(application& app) {
    uvimap::tls::tls_stream stream =
        co_await uvimap::tls::connect(&app.loop, app.host, app.port, app.tls);
    std::string line;
    while (line.find('\n') == std::string::npos) {
        const std::span<const char> bytes = co_await stream.read();
        if (bytes.empty()) {
            break;
        }
        line.append(bytes.data(), bytes.size());
    }
    std::printf("greeting (%s): %s\n", stream.protocol().c_str(), printable(line).c_str());
    co_await stream.write(std::string_view("a LOGOUT\r\n"));
    co_await stream.close();
}

void on_heartbeat(uv_timer_t* timer) {
    auto& app = *static_cast<application*>(timer->data);
    if (app.beats++ > 0) {
        return;  // the application's own work would go here
    }
    uvimap::async::spawn(read_greeting(app), [&app](std::exception_ptr failure) {
        try {
            if (failure) {
                std::rethrow_exception(failure);
            }
            app.exit_code = 0;
        } catch (const uvimap::error& e) {
            std::fprintf(stderr, "embed_greeting: %s (%s)\n", e.what(),
                         uvimap::code_name(e.code()).c_str());
        }
        // The application decides when to stop: close its own handle.
        uv_close(reinterpret_cast<uv_handle_t*>(&app.heartbeat), nullptr);
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        std::fprintf(stderr, "usage: %s HOST PORT [CA_FILE]\n", argv[0]);
        return 64;
    }
    // libuv reports a closed peer as EPIPE only if SIGPIPE is ignored.
    std::signal(SIGPIPE, SIG_IGN);
    uvimap::tls::context_options options;
    if (argc == 4) {
        options.ca_file = argv[3];
    }
    application app{.host = argv[1],
                    .port = static_cast<std::uint16_t>(std::stoi(argv[2])),
                    .tls = uvimap::tls::client_context(options)};
    uv_loop_init(&app.loop);
    uv_timer_init(&app.loop, &app.heartbeat);
    app.heartbeat.data = &app;
    uv_timer_start(&app.heartbeat, on_heartbeat, 0, 100);

    uv_run(&app.loop, UV_RUN_DEFAULT);
    if (uv_loop_close(&app.loop) != 0) {
        std::fprintf(stderr, "embed_greeting: handles left open\n");
        return 1;
    }
    return app.exit_code;
}
