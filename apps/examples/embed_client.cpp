// An application that already runs a libuv loop and adds IMAP to it.
//
// The application owns the loop and runs handles of its own: a heartbeat
// timer and a small TCP "status" server on 127.0.0.1 that tells whoever
// connects how many messages INBOX holds. uvimap adds a coroutine that
// checks the mailbox; it is started from plain callback code (the
// heartbeat), and its end is handled by plain callback code too (the
// completion handler starts a plain libuv client of the status server).
// No threads, no globals, one loop.
//
//     embed_client HOST PORT USER CA_FILE      (the password on standard input)

#include <uv.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "uvimap/async/run.hpp"
#include "uvimap/client/client.hpp"
#include "uvimap/tls/tls.hpp"

namespace {

struct application {
    uv_loop_t* loop = nullptr;
    uv_timer_t heartbeat{};
    uv_tcp_t status_server{};
    uv_tcp_t status_client{};
    uv_connect_t connect_request{};
    uv_write_t write_request{};
    int ticks = 0;
    bool checking = false;

    std::string host;
    std::uint16_t port = 993;
    std::string user;
    std::string password;
    uvimap::tls::client_context tls;

    std::uint32_t inbox_messages = 0;
    std::string reply;  // what the status server sends
    int exit_code = 1;

    explicit application(uvimap::tls::context_options options) : tls(std::move(options)) {}
};

void close_all(application& app) {
    uv_close(reinterpret_cast<uv_handle_t*>(&app.heartbeat), nullptr);
    uv_close(reinterpret_cast<uv_handle_t*>(&app.status_server), nullptr);
}

// --- uvimap: a coroutine on the application's loop ---------------------------

uvimap::async::task<void> check_mail(application& app) {
    uvimap::client::options options;
    options.tls = &app.tls;
    options.port = app.port;
    uvimap::client::client imap =
        co_await uvimap::client::client::connect(app.loop, app.host, options);
    co_await imap.login(app.user, uvimap::wire::secret(app.password));
    const uvimap::session::selected_mailbox inbox = co_await imap.examine("INBOX");
    app.inbox_messages = inbox.exists;
    std::printf("INBOX: %u messages\n", inbox.exists);
    if (inbox.exists > 0) {
        std::vector<uvimap::wire::fetch_att> items;
        items.push_back(uvimap::wire::fetch_att::simple(uvimap::wire::fetch_att_kind::uid));
        items.push_back(uvimap::wire::fetch_att::simple(uvimap::wire::fetch_att_kind::envelope));
        co_await imap.fetch(uvimap::wire::sequence_set::all(), std::move(items),
                            [](uvimap::session::fetch_message&& message) {
                                const auto& subject = message.env->subject;
                                std::printf("  %u %s\n", message.uid.value_or(0),
                                            subject ? subject->c_str() : "(no subject)");
                            });
    }
    co_await imap.logout();
}

// --- The application's own callbacks -------------------------------------------

void on_status_reply(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
    auto& app = *static_cast<application*>(stream->data);
    if (nread > 0) {
        std::printf("status server says: %.*s", static_cast<int>(nread), buf->base);
        app.exit_code = 0;
    }
    delete[] buf->base;
    if (nread != 0) {
        uv_close(reinterpret_cast<uv_handle_t*>(stream), nullptr);
        close_all(app);
    }
}

void on_status_connected(uv_connect_t* request, int status) {
    auto& app = *static_cast<application*>(request->data);
    if (status < 0) {
        std::fprintf(stderr, "embed_client: status server: %s\n", uv_strerror(status));
        uv_close(reinterpret_cast<uv_handle_t*>(&app.status_client), nullptr);
        close_all(app);
        return;
    }
    app.status_client.data = &app;
    uv_read_start(
        reinterpret_cast<uv_stream_t*>(&app.status_client),
        [](uv_handle_t*, std::size_t size, uv_buf_t* buf) {
            *buf = uv_buf_init(new char[size], size);
        },
        on_status_reply);
}

// Plain callback code reacting to uvimap: once the mailbox was checked, ask
// the application's own status server over a plain libuv TCP client.
void ask_status_server(application& app) {
    sockaddr_storage address{};
    int length = sizeof address;
    uv_tcp_getsockname(&app.status_server, reinterpret_cast<sockaddr*>(&address), &length);
    uv_tcp_init(app.loop, &app.status_client);
    app.connect_request.data = &app;
    uv_tcp_connect(&app.connect_request, &app.status_client,
                   reinterpret_cast<const sockaddr*>(&address), on_status_connected);
}

void on_status_connection(uv_stream_t* server, int status) {
    auto& app = *static_cast<application*>(server->data);
    if (status < 0) {
        return;
    }
    auto* peer = new uv_tcp_t;
    uv_tcp_init(app.loop, peer);
    if (uv_accept(server, reinterpret_cast<uv_stream_t*>(peer)) != 0) {
        uv_close(reinterpret_cast<uv_handle_t*>(peer),
                 [](uv_handle_t* h) { delete reinterpret_cast<uv_tcp_t*>(h); });
        return;
    }
    app.reply = "INBOX has " + std::to_string(app.inbox_messages) + " messages\n";
    uv_buf_t buf = uv_buf_init(app.reply.data(), static_cast<unsigned>(app.reply.size()));
    app.write_request.data = peer;
    uv_write(&app.write_request, reinterpret_cast<uv_stream_t*>(peer), &buf, 1,
             [](uv_write_t* request, int) {
                 uv_close(reinterpret_cast<uv_handle_t*>(request->data),
                          [](uv_handle_t* h) { delete reinterpret_cast<uv_tcp_t*>(h); });
             });
}

void on_heartbeat(uv_timer_t* timer) {
    auto& app = *static_cast<application*>(timer->data);
    ++app.ticks;  // the application's own periodic work would go here
    if (app.checking) {
        return;
    }
    app.checking = true;
    // From plain callback code: start a uvimap coroutine; the completion
    // handler runs on the loop when it ends, with its exception if any.
    uvimap::async::spawn(check_mail(app), [&app](std::exception_ptr failure) {
        try {
            if (failure) {
                std::rethrow_exception(failure);
            }
            ask_status_server(app);
        } catch (const uvimap::error& e) {
            std::fprintf(stderr, "embed_client: %s (%s)\n", e.what(),
                         uvimap::code_name(e.code()).c_str());
            close_all(app);
        }
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s HOST PORT USER CA_FILE   (password on stdin)\n", argv[0]);
        return 2;
    }
    // libuv writes to sockets with write(2): see docs/embedding.md.
    std::signal(SIGPIPE, SIG_IGN);
    uvimap::tls::context_options tls;
    tls.ca_file = argv[4];
    application app(tls);
    app.host = argv[1];
    app.port = static_cast<std::uint16_t>(std::stoi(argv[2]));
    app.user = argv[3];
    std::getline(std::cin, app.password);

    uv_loop_t loop;
    uv_loop_init(&loop);
    app.loop = &loop;

    uv_timer_init(&loop, &app.heartbeat);
    app.heartbeat.data = &app;
    uv_timer_start(&app.heartbeat, on_heartbeat, 0, 100);

    sockaddr_in any_port{};
    uv_ip4_addr("127.0.0.1", 0, &any_port);
    uv_tcp_init(&loop, &app.status_server);
    app.status_server.data = &app;
    uv_tcp_bind(&app.status_server, reinterpret_cast<const sockaddr*>(&any_port), 0);
    uv_listen(reinterpret_cast<uv_stream_t*>(&app.status_server), 16, on_status_connection);

    uv_run(&loop, UV_RUN_DEFAULT);  // the application's loop, as it always runs
    std::printf("heartbeat ticked %s\n", app.ticks > 0 ? "while uvimap worked" : "never");
    const int closed = uv_loop_close(&loop);
    return closed == 0 ? app.exit_code : 3;
}
