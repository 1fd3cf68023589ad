#include "uvimap/session/mailbox_view.hpp"

#include <algorithm>

namespace uvimap::session {

namespace {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace

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
    m_uids.clear();
}

void mailbox_view::deselect() {
    m_selected = false;
    m_name.clear();
    m_uidvalidity.reset();
    m_recent = 0;
    m_uids.clear();
    m_uids.shrink_to_fit();
}

void mailbox_view::learn_uid(std::uint32_t sequence, std::uint32_t uid) {
    // A FETCH may name a message past EXISTS (a server that sends FETCH
    // before EXISTS): the count grows with it.
    if (sequence == 0) {
        return;
    }
    if (sequence > m_uids.size()) {
        m_uids.resize(sequence, 0);
    }
    m_uids[sequence - 1] = uid;
}

void mailbox_view::apply(const mailbox_update& update) {
    std::visit(overloaded{
                   [this](const exists_update& u) { m_uids.resize(u.count, 0); },
                   [this](const recent_update& u) { m_recent = u.count; },
                   [this](const expunge_update& u) {
                       if (u.sequence >= 1 && u.sequence <= m_uids.size()) {
                           m_uids.erase(m_uids.begin() + (u.sequence - 1));
                       }
                   },
                   [this](const vanished_update& u) {
                       if (u.earlier) {
                           return;  // about messages the view never had
                       }
                       std::erase_if(m_uids, [&u](std::uint32_t uid) {
                           return uid != 0 && std::binary_search(u.uids.begin(), u.uids.end(), uid);
                       });
                   },
                   [this](const flags_update& u) {
                       if (u.uid) {
                           learn_uid(u.sequence, *u.uid);
                       }
                   },
                   [](const defined_flags_update&) {},
               },
               update);
}

}  // namespace uvimap::session
