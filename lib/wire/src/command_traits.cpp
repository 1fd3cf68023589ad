#include "uvimap/wire/command_traits.hpp"

#include <type_traits>

namespace uvimap::wire {

namespace {

// A UID SEARCH is still about sequence numbers if a criterion is a bare
// sequence set (RFC 9051: `sequence-set` in search-key is message numbers).
bool has_sequence_key(const std::vector<search_key>& keys) {
    for (const search_key& key : keys) {
        if (key.kind == search_kind::sequence || has_sequence_key(key.children)) {
            return true;
        }
    }
    return false;
}

command_traits traits_of_search(const search_command& search) {
    command_traits traits;
    traits.uses_sequence_numbers = !search.uid || has_sequence_key(search.criteria);
    traits.may_expunge = search.uid;
    return traits;
}

command_traits traits_of_fetch(const fetch_command& fetch) {
    command_traits traits;
    traits.uses_sequence_numbers = !fetch.uid;
    traits.may_expunge = fetch.uid;
    return traits;
}

}  // namespace

command_traits traits_of(const command& cmd) {
    return std::visit(
        [](const auto& c) -> command_traits {
            using type = std::decay_t<decltype(c)>;
            command_traits traits;
            traits.may_expunge = true;  // the default, see the header
            if constexpr (std::is_same_v<type, fetch_command>) {
                return traits_of_fetch(c);
            } else if constexpr (std::is_same_v<type, search_command>) {
                return traits_of_search(c);
            } else if constexpr (std::is_same_v<type, select_command> ||
                                 std::is_same_v<type, close_command> ||
                                 std::is_same_v<type, unselect_command>) {
                traits.changes_selected_state = true;
                traits.changes_connection_state = std::is_same_v<type, select_command>;
            } else if constexpr (std::is_same_v<type, login_command> ||
                                 std::is_same_v<type, enable_command> ||
                                 std::is_same_v<type, logout_command>) {
                traits.changes_connection_state = true;
            } else if constexpr (std::is_same_v<type, authenticate_command>) {
                traits.changes_connection_state = true;
                traits.needs_continuation = true;
            } else if constexpr (std::is_same_v<type, starttls_command>) {
                traits.changes_connection_state = true;
                traits.exclusive = true;
            } else if constexpr (std::is_same_v<type, idle_command>) {
                traits.needs_continuation = true;
                traits.exclusive = true;
            }
            return traits;
        },
        cmd);
}

}  // namespace uvimap::wire
