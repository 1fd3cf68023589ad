#pragma once
// The BIO between OpenSSL and the transport.
//
// OpenSSL's own memory BIO copies every received byte into a buffer that
// grows to the largest burst and never shrinks. This one copies nothing on
// the way in: OpenSSL reads ciphertext straight out of the span the
// transport's last read returned (valid until the next transport read,
// which happens only once OpenSSL has taken all of it). On the way out it
// appends to a vector that tls_stream writes to the transport and gives
// back when a big transfer is over.

#include <openssl/bio.h>

#include <span>
#include <vector>

namespace uvimap::tls::detail {

struct channel {
    // Ciphertext from the transport not yet taken by OpenSSL.
    std::span<const char> incoming;
    // The transport ended: OpenSSL sees end of file once `incoming` is empty.
    bool incoming_ended = false;
    // Ciphertext OpenSSL produced, not yet handed to the transport.
    std::vector<char> outgoing;
};

// A BIO over `ch` (which must outlive it), with one reference, or null if
// OpenSSL is out of memory.
BIO* make_channel_bio(channel& ch);

}  // namespace uvimap::tls::detail
