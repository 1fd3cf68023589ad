// connect(): every address of a host, raced in the manner of RFC 8305.

#include <string>

#include "tcp_box.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/event.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"

namespace uvimap::async {

namespace {

struct connect_request : detail::request_awaiter<uv_connect_t> {
    detail::tcp_box& tcp;
    const socket_address& address;
    connect_request(detail::tcp_box& box, const socket_address& to) : tcp(box), address(to) {}
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        return suspend_with(h, [this] {
            return uv_tcp_connect(&request, &tcp.handle, address.get(), &on_connect);
        });
    }
    static void on_connect(uv_connect_t* raw, int result) noexcept { on_done(raw, result); }
};

// RFC 8305 §4: alternate the address families, starting with the family of
// the resolver's first choice, keeping the resolver's order within each.
std::vector<socket_address> interleave_families(std::vector<socket_address> addresses) {
    if (addresses.empty()) {
        return addresses;
    }
    const int first_family = addresses.front().family();
    std::vector<socket_address> preferred;
    std::vector<socket_address> other;
    for (const socket_address& address : addresses) {
        (address.family() == first_family ? preferred : other).push_back(address);
    }
    std::vector<socket_address> ordered;
    ordered.reserve(addresses.size());
    for (std::size_t i = 0; i < std::max(preferred.size(), other.size()); ++i) {
        if (i < preferred.size()) {
            ordered.push_back(preferred[i]);
        }
        if (i < other.size()) {
            ordered.push_back(other[i]);
        }
    }
    return ordered;
}

// What the attempts of one connect() share.
struct race {
    std::optional<tcp_stream> winner;
    async_event changed;  // set whenever an attempt ends
    std::size_t started = 0;
    std::size_t ended = 0;
    bool all_refused = true;
    std::optional<error> out_of_descriptors;
    int last_status = 0;
    std::string report;  // "addr (reason), addr (reason)"

    void record_failure(const socket_address& address, const std::string& reason, int status) {
        if (!report.empty()) {
            report += ", ";
        }
        report += address.to_string() + " (" + reason + ")";
        all_refused = all_refused && status == UV_ECONNREFUSED;
        last_status = status;
    }
};

// One address, under its own timeout; the first to connect becomes the
// winner, a later one closes itself.
task<void> attempt(uv_loop_t* loop, socket_address address, tcp_options options, race& shared) {
    try {
        tcp_stream stream = co_await with_timeout(loop, options.attempt_timeout,
                                                  detail::connect_one(loop, address, options));
        if (!shared.winner) {
            shared.winner.emplace(std::move(stream));
        } else {
            co_await stream.close();
        }
    } catch (const error& failure) {
        if (failure.code() == errc::too_many_open_files) {
            shared.out_of_descriptors.emplace(failure);
        }
        if (failure.code() != errc::cancelled) {
            const bool timed_out = failure.code() == errc::timed_out;
            shared.record_failure(
                address,
                timed_out
                    ? "no answer within " + std::to_string(options.attempt_timeout.count()) + " ms"
                    : uv_strerror(failure.native_code()),
                timed_out ? UV_ETIMEDOUT : failure.native_code());
        }
    }
    ++shared.ended;
    shared.changed.set();
}

// Waits until an attempt ends (or, with a delay, until the delay passes).
task<void> wait_for_change(uv_loop_t* loop, race& shared, std::chrono::milliseconds delay) {
    shared.changed.reset();
    try {
        co_await with_timeout(loop, delay, shared.changed.wait());
    } catch (const error& e) {
        if (e.code() != errc::timed_out) {
            throw;
        }
    }
}

task<tcp_stream> connect_any(uv_loop_t* loop, std::vector<socket_address> addresses,
                             std::string target, tcp_options options) {
    const cancellation_token token = co_await current_cancellation_token();
    token.throw_if_cancelled();
    if (addresses.empty()) {
        throw error(errc::connect_failed, "cannot connect to " + target + ": no address given");
    }
    addresses = interleave_families(std::move(addresses));
    race shared;
    async_scope attempts(0, token);
    std::exception_ptr interrupted;
    try {
        for (const socket_address& address : addresses) {
            attempts.spawn(attempt(loop, address, options, shared));
            ++shared.started;
            if (shared.winner || shared.out_of_descriptors) {
                break;
            }
            // Start the next address when this one failed, or when it has
            // had attempt_delay to answer, whichever comes first.
            if (shared.started < addresses.size() && shared.ended < shared.started) {
                co_await wait_for_change(loop, shared, options.attempt_delay);
            }
            if (shared.winner) {
                break;
            }
        }
        while (!shared.winner && shared.ended < shared.started) {
            co_await wait_for_change(loop, shared, options.attempt_timeout * 2);
        }
    } catch (...) {
        interrupted = std::current_exception();
    }
    // The losers still trying are abandoned.
    attempts.cancel();
    co_await attempts.join();
    if (interrupted) {
        std::rethrow_exception(interrupted);
    }
    token.throw_if_cancelled();
    if (shared.winner) {
        co_return std::move(*shared.winner);
    }
    if (shared.out_of_descriptors) {
        throw *shared.out_of_descriptors;
    }
    throw error(shared.all_refused ? errc::connection_refused : errc::connect_failed,
                "cannot connect to " + target + ": " + shared.report, shared.last_status);
}

}  // namespace

namespace detail {

// Connects to one address, or throws: connection errors carry the libuv
// status as their native code.
task<tcp_stream> connect_one(uv_loop_t* loop, socket_address address, tcp_options options) {
    const cancellation_token token = co_await current_cancellation_token();
    tcp_stream candidate(new tcp_box(loop, options));
    int status = 0;
    {
        // Closing the handle is the only way to abort a connect; libuv
        // then completes the request with UV_ECANCELED.
        cancellation_registration on_cancel(token,
                                            [&candidate] { candidate.m_box->begin_close(); });
        status = co_await connect_request(*candidate.m_box, address);
    }
    if (status == 0) {
        candidate.m_box->configure();
        co_return candidate;
    }
    co_await candidate.close();
    if (status == UV_ECANCELED || token.is_cancelled()) {
        throw error(errc::cancelled, "connect to " + address.to_string() + " cancelled", status);
    }
    if (is_out_of_descriptors(status)) {
        throw descriptor_error("connect to " + address.to_string(), status);
    }
    throw uv_error(status == UV_ECONNREFUSED ? errc::connection_refused : errc::connect_failed,
                   "connect to " + address.to_string(), status);
}

}  // namespace detail

task<tcp_stream> connect(uv_loop_t* loop, std::string host, std::uint16_t port,
                         tcp_options options) {
    // Not a ?: of two co_awaits: g++ 12 destroys the result too early.
    std::vector<socket_address> addresses;
    if (options.resolver != nullptr) {
        addresses = co_await options.resolver->resolve(host, port);
    } else {
        addresses = co_await resolve(loop, host, port);
    }
    co_return co_await connect_any(loop, std::move(addresses),
                                   host + " port " + std::to_string(port), options);
}

task<tcp_stream> connect(uv_loop_t* loop, std::vector<socket_address> addresses,
                         tcp_options options) {
    std::string target;
    for (const socket_address& address : addresses) {
        target += (target.empty() ? "" : ", ") + address.to_string();
    }
    co_return co_await connect_any(loop, std::move(addresses), target, options);
}

}  // namespace uvimap::async
