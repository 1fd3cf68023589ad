#include "channel_bio.hpp"

#include <algorithm>
#include <cstring>

namespace uvimap::tls::detail {

namespace {

channel& channel_of(BIO* bio) {
    return *static_cast<channel*>(BIO_get_data(bio));
}

int channel_read(BIO* bio, char* out, int size) {
    BIO_clear_retry_flags(bio);
    channel& ch = channel_of(bio);
    if (ch.incoming.empty()) {
        if (ch.incoming_ended) {
            return 0;
        }
        BIO_set_retry_read(bio);
        return -1;
    }
    const std::size_t taken = std::min(ch.incoming.size(), static_cast<std::size_t>(size));
    std::memcpy(out, ch.incoming.data(), taken);
    ch.incoming = ch.incoming.subspan(taken);
    return static_cast<int>(taken);
}

int channel_write(BIO* bio, const char* in, int size) {
    BIO_clear_retry_flags(bio);
    try {
        channel_of(bio).outgoing.insert(channel_of(bio).outgoing.end(), in, in + size);
    } catch (...) {
        return -1;  // out of memory: OpenSSL reports a write error
    }
    return size;
}

long channel_ctrl(BIO* bio, int command, long, void*) {
    channel& ch = channel_of(bio);
    switch (command) {
        case BIO_CTRL_FLUSH:
            return 1;  // tls_stream flushes `outgoing` itself
        case BIO_CTRL_PENDING:
            return static_cast<long>(ch.incoming.size());
        case BIO_CTRL_WPENDING:
            return static_cast<long>(ch.outgoing.size());
        case BIO_CTRL_EOF:
            return ch.incoming.empty() && ch.incoming_ended ? 1 : 0;
        default:
            return 0;
    }
}

int channel_create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
}

// The method table is immutable once made, like OpenSSL's own; made once
// per process and kept (OpenSSL has no constant-initialised form of it).
const BIO_METHOD* channel_method() {
    static BIO_METHOD* const method = [] {
        BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "uvimap channel");
        if (m != nullptr) {
            BIO_meth_set_read(m, channel_read);
            BIO_meth_set_write(m, channel_write);
            BIO_meth_set_ctrl(m, channel_ctrl);
            BIO_meth_set_create(m, channel_create);
        }
        return m;
    }();
    return method;
}

}  // namespace

BIO* make_channel_bio(channel& ch) {
    const BIO_METHOD* method = channel_method();
    if (method == nullptr) {
        return nullptr;
    }
    BIO* bio = BIO_new(method);
    if (bio != nullptr) {
        BIO_set_data(bio, &ch);
    }
    return bio;
}

}  // namespace uvimap::tls::detail
