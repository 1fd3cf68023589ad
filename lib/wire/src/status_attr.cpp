#include "uvimap/wire/status_attr.hpp"

namespace uvimap::wire {

std::string_view to_string(status_attr attr) {
    switch (attr) {
        case status_attr::messages:
            return "MESSAGES";
        case status_attr::recent:
            return "RECENT";
        case status_attr::uidnext:
            return "UIDNEXT";
        case status_attr::uidvalidity:
            return "UIDVALIDITY";
        case status_attr::unseen:
            return "UNSEEN";
        case status_attr::deleted:
            return "DELETED";
        case status_attr::size:
            return "SIZE";
        case status_attr::highestmodseq:
            return "HIGHESTMODSEQ";
        case status_attr::mailboxid:
            return "MAILBOXID";
        case status_attr::other:
            break;
    }
    return {};
}

}  // namespace uvimap::wire
