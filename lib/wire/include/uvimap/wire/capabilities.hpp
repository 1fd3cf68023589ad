// A server's capability list, owned, and what it allows the encoder.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/wire/encoder.hpp"

namespace uvimap::wire {

// Capability atoms as the server sent them, compared case-insensitively
// (RFC 9051 §7.2.2: capability names are case-insensitive).
class capability_set {
public:
    capability_set() = default;
    explicit capability_set(std::span<const std::string_view> atoms);

    bool has(std::string_view name) const noexcept;
    // True if AUTH=`mechanism` is listed.
    bool has_auth(std::string_view mechanism) const noexcept;
    bool empty() const noexcept { return m_atoms.empty(); }
    const std::vector<std::string>& atoms() const noexcept { return m_atoms; }

    friend bool operator==(const capability_set&, const capability_set&) = default;

private:
    std::vector<std::string> m_atoms;
};

// The encoder options these capabilities allow: LITERAL+ or LITERAL-
// (RFC 7888; LITERAL+ wins if both are listed), SASL-IR (RFC 4959), and
// UTF-8 mailbox names and strings once UTF8=ACCEPT has been ENABLEd (RFC
// 6855) or the server speaks IMAP4rev2 as enabled by `utf8_enabled`.
// BINARY is never set here: servers take literal8 only in APPEND data, so
// the caller sets it per command (see encoder_options::binary).
encoder_options encoder_options_for(const capability_set& capabilities, bool utf8_enabled);

}  // namespace uvimap::wire
