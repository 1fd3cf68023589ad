#include <string>

#include "tcp_box.hpp"
#include "uvimap/async/error.hpp"

namespace uvimap::async {

namespace {

struct ConnectAttempt : detail::RequestAwaiter<uv_connect_t> {
    detail::TcpBox& tcp;
    const Address& address;
    ConnectAttempt(detail::TcpBox& box, const Address& to) : tcp(box), address(to) {}

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        waiter = h;
        status = uv_tcp_connect(&request, &tcp.handle, address.get(), &ConnectAttempt::on_connect);
        return status == 0;
    }
    static void on_connect(uv_connect_t* raw, int result) noexcept { on_done(raw, result); }
    int await_resume() const noexcept { return status; }
};

}  // namespace

Task<TcpStream> connect(uv_loop_t* loop, std::string host, std::uint16_t port, TcpOptions options) {
    const CancellationToken token = co_await current_cancellation_token();
    const std::vector<Address> addresses = co_await resolve(loop, host, port);

    bool all_refused = true;
    int last_status = 0;
    std::string tried;
    for (const Address& address : addresses) {
        token.throw_if_cancelled();
        TcpStream candidate(new detail::TcpBox(loop, options));
        int status = 0;
        {
            // Closing the handle is the only way to abort a connect; libuv
            // then completes the request with UV_ECANCELED.
            CancellationRegistration on_cancel(token,
                                               [&candidate] { candidate.m_box->begin_close(); });
            status = co_await ConnectAttempt(*candidate.m_box, address);
        }
        if (status == 0) {
            candidate.m_box->configure();
            co_return candidate;
        }
        co_await candidate.close();
        if (status == UV_ECANCELED) {
            throw Error(ErrorKind::cancelled, "connect to " + address.to_string() + " cancelled");
        }
        all_refused = all_refused && status == UV_ECONNREFUSED;
        last_status = status;
        if (!tried.empty()) {
            tried += ", ";
        }
        tried += address.to_string() + " (" + uv_strerror(status) + ")";
    }
    throw Error(all_refused ? ErrorKind::connection_refused : ErrorKind::connect_failed,
                "cannot connect to " + host + " port " + std::to_string(port) + ": " + tried,
                last_status);
}

}  // namespace uvimap::async
