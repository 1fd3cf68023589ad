#include <string>

#include "tcp_box.hpp"
#include "uvimap/async/error.hpp"

namespace uvimap::async {

namespace {

struct connect_attempt : detail::request_awaiter<uv_connect_t> {
    detail::tcp_box& tcp;
    const socket_address& address;
    connect_attempt(detail::tcp_box& box, const socket_address& to) : tcp(box), address(to) {}

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        waiter = h;
        status = uv_tcp_connect(&request, &tcp.handle, address.get(), &connect_attempt::on_connect);
        return status == 0;
    }
    static void on_connect(uv_connect_t* raw, int result) noexcept { on_done(raw, result); }
    int await_resume() const noexcept { return status; }
};

}  // namespace

namespace detail {

// Tries `addresses` in order; `target` names them in the error message.
task<tcp_stream> connect_any(uv_loop_t* loop, std::vector<socket_address> addresses,
                             std::string target, tcp_options options) {
    const cancellation_token token = co_await current_cancellation_token();
    if (addresses.empty()) {
        throw error(errc::connect_failed, "cannot connect to " + target + ": no address given");
    }
    bool all_refused = true;
    int last_status = 0;
    std::string tried;
    for (const socket_address& address : addresses) {
        token.throw_if_cancelled();
        tcp_stream candidate(new detail::tcp_box(loop, options));
        int status = 0;
        {
            // Closing the handle is the only way to abort a connect; libuv
            // then completes the request with UV_ECANCELED.
            cancellation_registration on_cancel(token,
                                                [&candidate] { candidate.m_box->begin_close(); });
            status = co_await connect_attempt(*candidate.m_box, address);
        }
        if (status == 0) {
            candidate.m_box->configure();
            co_return candidate;
        }
        co_await candidate.close();
        if (status == UV_ECANCELED) {
            throw error(errc::cancelled, "connect to " + address.to_string() + " cancelled");
        }
        all_refused = all_refused && status == UV_ECONNREFUSED;
        last_status = status;
        if (!tried.empty()) {
            tried += ", ";
        }
        tried += address.to_string() + " (" + uv_strerror(status) + ")";
    }
    throw error(all_refused ? errc::connection_refused : errc::connect_failed,
                "cannot connect to " + target + ": " + tried, last_status);
}

}  // namespace detail

task<tcp_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                         tcp_options options) {
    std::vector<socket_address> addresses = co_await resolve(loop, host, port);
    co_return co_await detail::connect_any(loop, std::move(addresses),
                                           host + " port " + std::to_string(port), options);
}

task<tcp_stream> connect(uv_loop_t* loop, std::vector<socket_address> addresses,
                         tcp_options options) {
    std::string target;
    for (const socket_address& address : addresses) {
        target += (target.empty() ? "" : ", ") + address.to_string();
    }
    co_return co_await detail::connect_any(loop, std::move(addresses), target, options);
}

}  // namespace uvimap::async
