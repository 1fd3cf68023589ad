#include "uvimap/session/mailbox_view.hpp"

#include <algorithm>

namespace uvimap::session {

std::optional<std::uint32_t> mailbox_view::uid_of(std::uint32_t sequence) const noexcept {
    if (sequence == 0 || sequence > m_uids.size() || m_uids[sequence - 1] == 0) {
        return std::nullopt;
    }
    return m_uids[sequence - 1];
}

std::optional<std::uint32_t> mailbox_view::sequence_of(std::uint32_t uid) const noexcept {
    // UIDs ascend with sequence numbers (RFC 9051 §2.3.1.1), but unknown
    // ones are 0, so a binary search would need the gaps filled: scan.
    const auto found = std::find(m_uids.begin(), m_uids.end(), uid);
    if (uid == 0 || found == m_uids.end()) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(found - m_uids.begin() + 1);
}

void mailbox_view::select(std::string name, std::optional<std::uint32_t> uidvalidity) {
    m_selected = true;
    m_name = std::move(name);
    m_uidvalidity = uidvalidity;
    m_recent = 0;
    m_exists = 0;
    m_uids.clear();
}

void mailbox_view::deselect() {
    m_selected = false;
    m_name.clear();
    m_uidvalidity.reset();
    m_recent = 0;
    m_exists = 0;
    m_uids.clear();
    m_uids.shrink_to_fit();
}

void mailbox_view::learn_uid(std::uint32_t sequence, std::uint32_t uid) {
    // A FETCH may name a message past EXISTS (a server that sends FETCH
    // before EXISTS): the count grows with it.
    if (sequence == 0) {
        return;
    }
    m_exists = std::max(m_exists, sequence);
    if (sequence > max_mapped_messages) {
        return;
    }
    if (sequence > m_uids.size()) {
        m_uids.resize(sequence, 0);
    }
    m_uids[sequence - 1] = uid;
}

void mailbox_view::apply(const mailbox_update& update) {
    if (const auto* exists = std::get_if<exists_update>(&update)) {
        // EXISTS never shrinks the mailbox legitimately (EXPUNGE does);
        // a server that says so anyway is believed.
        m_exists = exists->count;
        if (m_uids.size() > m_exists) {
            m_uids.resize(m_exists);
        }
    } else if (const auto* recent = std::get_if<recent_update>(&update)) {
        m_recent = recent->count;
    } else if (const auto* expunge = std::get_if<expunge_update>(&update)) {
        if (expunge->sequence >= 1 && expunge->sequence <= m_exists) {
            --m_exists;
            if (expunge->sequence <= m_uids.size()) {
                m_uids.erase(m_uids.begin() + (expunge->sequence - 1));
            }
        }
    } else if (const auto* vanished = std::get_if<vanished_update>(&update)) {
        // VANISHED (EARLIER) is about messages the view never had.
        if (!vanished->earlier) {
            const std::size_t removed = std::erase_if(m_uids, [vanished](std::uint32_t uid) {
                return uid != 0 &&
                       std::binary_search(vanished->uids.begin(), vanished->uids.end(), uid);
            });
            m_exists -= static_cast<std::uint32_t>(std::min<std::size_t>(removed, m_exists));
        }
    } else if (const auto* flags = std::get_if<flags_update>(&update)) {
        if (flags->uid) {
            learn_uid(flags->sequence, *flags->uid);
        }
    }
}

}  // namespace uvimap::session
