// command_traits: one row per command, and the capability list's encoder
// options.

#include <doctest/doctest.h>

#include <vector>

#include "uvimap/wire/capabilities.hpp"
#include "uvimap/wire/command_traits.hpp"

using namespace uvimap::wire;

namespace {

struct traits_row {
    const char* name;
    command cmd;
    bool sequence_numbers;
    bool expunge;
    bool selected_state;
    bool connection_state;
    bool continuation;
    bool exclusive;
};

fetch_command fetch(bool uid) {
    fetch_command f;
    f.uid = uid;
    f.set = sequence_set::all();
    f.items = {fetch_att::simple(fetch_att_kind::flags)};
    return f;
}

search_command search(bool uid, std::vector<search_key> criteria) {
    search_command s;
    s.uid = uid;
    s.criteria = std::move(criteria);
    return s;
}

}  // namespace

TEST_SUITE("wire: command traits") {
    TEST_CASE("every command has the traits RFC 9051 section 5.5 gives it") {
        const search_key unseen = search_key::flag(search_kind::unseen);
        const search_key by_number =
            search_key::set_key(search_kind::sequence, sequence_set::single(3));
        // clang-format off
        const std::vector<traits_row> rows = {
            //                                          seq    expunge select conn   cont   alone
            {"CAPABILITY", capability_command{},          false, true,  false, false, false, false},
            {"STARTTLS", starttls_command{},              false, true,  false, true,  false, true},
            {"LOGIN", login_command{"u", secret("p")},    false, true,  false, true,  false, false},
            {"AUTHENTICATE", authenticate_command{"PLAIN", {}}, false, true, false, true, true, false},
            {"ENABLE", enable_command{{"UTF8=ACCEPT"}},   false, true,  false, true,  false, false},
            {"ID", id_command{},                          false, true,  false, false, false, false},
            {"NAMESPACE", namespace_command{},            false, true,  false, false, false, false},
            {"LIST", list_command{},                      false, true,  false, false, false, false},
            {"LSUB", lsub_command{},                      false, true,  false, false, false, false},
            {"STATUS", status_command{"INBOX", {status_attr::messages}}, false, true, false, false, false, false},
            {"SELECT", select_command{"INBOX", false, false, {}}, false, true, true, true, false, false},
            {"EXAMINE", select_command{"INBOX", true, false, {}}, false, true, true, true, false, false},
            {"FETCH", fetch(false),                       true,  false, false, false, false, false},
            {"UID FETCH", fetch(true),                    false, true,  false, false, false, false},
            {"SEARCH", search(false, {unseen}),           true,  false, false, false, false, false},
            {"UID SEARCH", search(true, {unseen}),        false, true,  false, false, false, false},
            {"UID SEARCH 3", search(true, {search_key::not_key(by_number)}), true, true, false, false, false, false},
            {"IDLE", idle_command{},                      false, true,  false, false, true,  true},
            {"NOOP", noop_command{},                      false, true,  false, false, false, false},
            {"CHECK", check_command{},                    false, true,  false, false, false, false},
            {"CLOSE", close_command{},                    false, true,  true,  false, false, false},
            {"UNSELECT", unselect_command{},              false, true,  true,  false, false, false},
            {"LOGOUT", logout_command{},                  false, true,  false, true,  false, false},
        };
        // clang-format on
        // One row per alternative of `command`, plus the UID/sequence forms.
        CHECK(rows.size() == std::variant_size_v<command> + 4);
        for (const traits_row& row : rows) {
            CAPTURE(row.name);
            const command_traits t = traits_of(row.cmd);
            CHECK(t.uses_sequence_numbers == row.sequence_numbers);
            CHECK(t.may_expunge == row.expunge);
            CHECK(t.changes_selected_state == row.selected_state);
            CHECK(t.changes_connection_state == row.connection_state);
            CHECK(t.needs_continuation == row.continuation);
            CHECK(t.exclusive == row.exclusive);
        }
    }

    TEST_CASE("capabilities decide the literal form, SASL-IR and UTF-8 names") {
        const std::vector<std::string_view> plus_and_minus = {"IMAP4rev1", "literal-", "LITERAL+",
                                                              "SASL-IR", "AUTH=PLAIN"};
        const capability_set both(plus_and_minus);
        const encoder_options options = encoder_options_for(both, false);
        CHECK(options.literals == literal_extension::literal_plus);
        CHECK(options.sasl_ir);
        CHECK_FALSE(options.utf8_accept);
        CHECK_FALSE(options.binary);
        CHECK(both.has_auth("plain"));
        CHECK_FALSE(both.has_auth("PLAI"));

        const std::vector<std::string_view> minus = {"IMAP4rev2", "LITERAL-"};
        CHECK(encoder_options_for(capability_set(minus), true).literals ==
              literal_extension::literal_minus);
        CHECK(encoder_options_for(capability_set(minus), true).utf8_accept);
        CHECK(encoder_options_for(capability_set(), false).literals == literal_extension::none);
    }
}
