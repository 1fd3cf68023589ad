// The session's picture of the selected mailbox, kept up to date from what
// the server says, asked or not: EXISTS, RECENT, EXPUNGE, VANISHED, FLAGS
// and FETCH with UID or FLAGS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace uvimap::session {

// One change the server reported, in the order it reported them.
struct exists_update {
    std::uint32_t count = 0;
};
struct recent_update {
    std::uint32_t count = 0;
};
struct expunge_update {
    std::uint32_t sequence = 0;
    std::optional<std::uint32_t> uid;  // when the view knew it
};
struct vanished_update {
    std::vector<std::uint32_t> uids;  // expanded from the UID set
    bool earlier = false;             // VANISHED (EARLIER): a resync, not news
};
struct flags_update {
    std::uint32_t sequence = 0;
    std::optional<std::uint32_t> uid;
    std::vector<std::string> flags;
    std::optional<std::uint64_t> modseq;
};
// The mailbox's FLAGS (the flags defined in it) changed.
struct defined_flags_update {
    std::vector<std::string> flags;
};
using mailbox_update = std::variant<exists_update, recent_update, expunge_update, vanished_update,
                                    flags_update, defined_flags_update>;

// Message count and, where known, the sequence number ↔ UID map. The map
// knows a message's UID once a FETCH with UID has mentioned it; it is kept
// in step by EXISTS (new messages, UIDs unknown), EXPUNGE (renumbering) and
// VANISHED (by UID). Reset by every SELECT/EXAMINE and emptied by
// CLOSE/UNSELECT.
//
// The count is only a number: `* 4294967295 EXISTS` costs nothing. The map
// grows as FETCH responses name UIDs, up to max_mapped_messages sequence
// numbers (40 MB); past that a server's claims are counted but their UIDs
// are not remembered.
class mailbox_view {
public:
    bool is_selected() const noexcept { return m_selected; }
    const std::string& name() const noexcept { return m_name; }
    static constexpr std::uint32_t max_mapped_messages = 10'000'000;

    std::uint32_t exists() const noexcept { return m_exists; }
    std::uint32_t recent() const noexcept { return m_recent; }
    std::optional<std::uint32_t> uidvalidity() const noexcept { return m_uidvalidity; }

    // The UID of message `sequence` (1-based), if known.
    std::optional<std::uint32_t> uid_of(std::uint32_t sequence) const noexcept;
    // The sequence number of the message with `uid`, if it is known.
    std::optional<std::uint32_t> sequence_of(std::uint32_t uid) const noexcept;

    // Applied by the session; an application only reads the view.
    void select(std::string name, std::optional<std::uint32_t> uidvalidity);
    void deselect();
    void apply(const mailbox_update& update);
    // A message's UID became known (FETCH with UID).
    void learn_uid(std::uint32_t sequence, std::uint32_t uid);

private:
    bool m_selected = false;
    std::string m_name;
    std::optional<std::uint32_t> m_uidvalidity;
    std::uint32_t m_recent = 0;
    std::uint32_t m_exists = 0;
    // Index sequence - 1; 0 where the UID is not known. Never longer than
    // m_exists; the messages past its end have unknown UIDs.
    std::vector<std::uint32_t> m_uids;
};

}  // namespace uvimap::session
