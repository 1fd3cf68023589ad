#pragma once
// The STATUS data items: RFC 3501 §6.3.10, RFC 9051's DELETED and SIZE, RFC
// 7162's HIGHESTMODSEQ, RFC 8474's MAILBOXID. One list serves both sides: the
// items a STATUS command asks for (command.hpp) and the items a STATUS
// response carries (response.hpp).

#include <cstdint>
#include <string_view>

namespace uvimap::wire {

enum class status_attr : std::uint8_t {
    messages,
    recent,
    uidnext,
    uidvalidity,
    unseen,
    deleted,
    size,
    highestmodseq,
    // RFC 8474 (OBJECTID): the mailbox's unique id, a parenthesised object id
    // in the response rather than a number.
    mailboxid,
    // An item this library does not know; a response keeps its name. The
    // encoder refuses to send it.
    other,
};

// Every known item, in declaration order (for lookups by keyword).
inline constexpr status_attr k_status_attrs[] = {
    status_attr::messages,    status_attr::recent,        status_attr::uidnext,
    status_attr::uidvalidity, status_attr::unseen,        status_attr::deleted,
    status_attr::size,        status_attr::highestmodseq, status_attr::mailboxid,
};

// The keyword as on the wire, e.g. "UIDNEXT"; empty for `other`.
std::string_view to_string(status_attr attr);

}  // namespace uvimap::wire
