#pragma once
// The byte stream interface that the TLS layer and the IMAP client run on.
// tcp_stream and tls::tls_stream implement it.
//
// Concurrency: at most one read and one write may be pending at a time, and
// they may be pending together (a reader task and a writer task on one
// stream is the normal shape of a client). A second concurrent read or write
// fails with errc::invalid_state; tasks that share a stream take turns with
// an async_mutex (mutex.hpp).

#include <cstddef>
#include <span>
#include <string_view>

#include "uvimap/async/task.hpp"

namespace uvimap::async {

class byte_stream {
public:
    virtual ~byte_stream() = default;

    // Waits for the next bytes from the peer. The span points into the
    // stream's own buffer and stays valid until the next call on the stream.
    // An empty span means the peer ended the stream cleanly.
    virtual task<std::span<const char>> read() = 0;

    // Waits for the next bytes from the peer and puts them into `buffer`,
    // which must not be empty and must stay valid until the read completes.
    // Returns how many bytes were put there; 0 means the peer ended the
    // stream cleanly. This is the read without a copy: bytes land where the
    // caller wants them (e.g. a parser's prepare() area).
    virtual task<std::size_t> read_into(std::span<char> buffer) = 0;

    // Completes once the stream has taken all of `bytes`: a slow peer makes it
    // wait (backpressure). `bytes` must stay valid until then.
    virtual task<void> write(std::span<const char> bytes) = 0;

    // Writes `pieces` in order as if they were one buffer, in one system
    // call where the transport allows (a command's fragments, say). The
    // pieces must stay valid until it completes.
    virtual task<void> write_gather(std::span<const std::span<const char>> pieces) = 0;

    // Ends the stream at once, without waiting for anything: a pending read
    // or write fails with errc::connection_aborted, whose message carries
    // `reason`. close() still releases the resources. Safe to call at any
    // time, more than once.
    virtual void abort(std::string_view reason) noexcept = 0;

    // Ends the stream and releases its resources; completes when they are
    // released. It never waits for the peer (a peer that reads nothing
    // cannot hold it up). Safe to call more than once.
    virtual task<void> close() = 0;

    // Writes what the stream can take right now without waiting and
    // returns how much that was (possibly 0). For last words before
    // close(), like TLS's close_notify.
    virtual std::size_t try_write(std::span<const char> bytes) noexcept = 0;
};

}  // namespace uvimap::async
