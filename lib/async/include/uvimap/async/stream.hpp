#pragma once
// The byte stream interface that the TLS layer and the IMAP client run on.
// TcpStream and tls::TlsStream implement it.

#include <span>

#include "uvimap/async/task.hpp"

namespace uvimap::async {

class Stream {
public:
    virtual ~Stream() = default;

    // Waits for the next bytes from the peer. The span points into the
    // stream's own buffer and stays valid until the next call on the stream.
    // An empty span means the peer ended the stream cleanly. At most one read
    // may be pending at a time; a read and a write may be pending together.
    virtual Task<std::span<const char>> read() = 0;

    // Completes once the stream has taken all of `bytes`: a slow peer makes it
    // wait (backpressure). `bytes` must stay valid until then.
    virtual Task<void> write(std::span<const char> bytes) = 0;

    // Ends the stream and releases its resources; completes when they are
    // released. Safe to call more than once.
    virtual Task<void> close() = 0;
};

}  // namespace uvimap::async
