#pragma once
// The byte stream interface that the TLS layer and the IMAP client run on.
// tcp_stream and tls::tls_stream implement it.

#include <span>

#include "uvimap/async/task.hpp"

namespace uvimap::async {

class byte_stream {
public:
    virtual ~byte_stream() = default;

    // Waits for the next bytes from the peer. The span points into the
    // stream's own buffer and stays valid until the next call on the stream.
    // An empty span means the peer ended the stream cleanly. At most one read
    // may be pending at a time; a read and a write may be pending together.
    virtual task<std::span<const char>> read() = 0;

    // Completes once the stream has taken all of `bytes`: a slow peer makes it
    // wait (backpressure). `bytes` must stay valid until then.
    virtual task<void> write(std::span<const char> bytes) = 0;

    // Ends the stream and releases its resources; completes when they are
    // released. Safe to call more than once.
    virtual task<void> close() = 0;
};

}  // namespace uvimap::async
