#include "uvimap/wire/capabilities.hpp"

#include <algorithm>

namespace uvimap::wire {

namespace {

// Capability names in any case on both sides (servers send "IMAP4rev1",
// "imap4rev1" and "IMAP4REV1").
bool same_name(std::string_view a, std::string_view b) noexcept {
    auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return upper(x) == upper(y); });
}

}  // namespace

capability_set::capability_set(std::span<const std::string_view> atoms)
    : m_atoms(atoms.begin(), atoms.end()) {}

bool capability_set::has(std::string_view name) const noexcept {
    return std::any_of(m_atoms.begin(), m_atoms.end(),
                       [name](const std::string& atom) { return same_name(atom, name); });
}

bool capability_set::has_auth(std::string_view mechanism) const noexcept {
    static constexpr std::string_view prefix = "AUTH=";
    return std::any_of(m_atoms.begin(), m_atoms.end(), [mechanism](const std::string& atom) {
        const std::string_view view = atom;
        return view.size() == prefix.size() + mechanism.size() &&
               same_name(view.substr(0, prefix.size()), prefix) &&
               same_name(view.substr(prefix.size()), mechanism);
    });
}

encoder_options encoder_options_for(const capability_set& capabilities, bool utf8_enabled) {
    encoder_options options;
    if (capabilities.has("LITERAL+")) {
        options.literals = literal_extension::literal_plus;
    } else if (capabilities.has("LITERAL-")) {
        options.literals = literal_extension::literal_minus;
    }
    options.sasl_ir = capabilities.has("SASL-IR");
    options.utf8_accept = utf8_enabled;
    return options;
}

}  // namespace uvimap::wire
