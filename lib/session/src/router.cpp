// Where each response goes: greeting, tagged completions, and untagged data
// to the command that asked for it or, unasked, to the mailbox view.

#include <algorithm>

#include "convert.hpp"
#include "session_impl.hpp"

namespace uvimap::session {

namespace {

using wire::code_kind;
using wire::data_kind;

command_result::status outcome_of(wire::status_kind status) {
    switch (status) {
        case wire::status_kind::ok:
            return command_result::status::ok;
        case wire::status_kind::no:
            return command_result::status::no;
        case wire::status_kind::bad:
            return command_result::status::bad;
        default:
            return command_result::status::failed;
    }
}

// Roughly what a LIST entry holds on the heap and in its vector slot.
std::size_t held_bytes(const mailbox_entry& entry) {
    std::size_t bytes =
        sizeof(mailbox_entry) + entry.name.size() + entry.raw_name.size() + entry.delimiter.size();
    for (const std::string& flag : entry.flags) {
        bytes += sizeof(std::string) + flag.size();
    }
    return bytes;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return out;
}

bool same_mailbox(std::string_view a, std::string_view b) {
    return a == b || (detail::same_ascii(a, "INBOX") && detail::same_ascii(b, "INBOX"));
}

// True if every item the FETCH asks for is FLAGS or UID: then any FETCH
// response about one of its messages is its answer.
bool wants_only_flags(const wire::fetch_command& fetch) {
    return std::all_of(fetch.items.begin(), fetch.items.end(), [](const wire::fetch_att& att) {
        return att.attr == wire::fetch_att_kind::flags || att.attr == wire::fetch_att_kind::uid;
    });
}

bool wants_flags(const wire::fetch_command& fetch) {
    return std::any_of(fetch.items.begin(), fetch.items.end(), [](const wire::fetch_att& att) {
        return att.attr == wire::fetch_att_kind::flags || att.attr == wire::fetch_att_kind::all ||
               att.attr == wire::fetch_att_kind::fast || att.attr == wire::fetch_att_kind::full;
    });
}

// True if the response carries something besides FLAGS, UID and MODSEQ,
// which servers also send unasked when flags change.
bool has_payload(const wire::response& response) {
    return std::any_of(response.fetch.items.begin(), response.fetch.items.end(),
                       [](const wire::fetch_item& item) {
                           return item.kind != wire::fetch_item_kind::flags &&
                                  item.kind != wire::fetch_item_kind::uid &&
                                  item.kind != wire::fetch_item_kind::modseq;
                       });
}

}  // namespace

command_record* session::impl::find_in_flight(std::string_view tag) noexcept {
    for (auto& record : in_flight) {
        if (record->tag == tag) {
            return record.get();
        }
    }
    return nullptr;
}

void session::impl::on_response(const wire::response& response) {
    trace_response(response.raw);
    if (response.type == wire::response_type::malformed) {
        on_malformed(response);
    } else if (state == connection_state::awaiting_greeting) {
        on_greeting(response);
    } else if (response.type == wire::response_type::continuation) {
        on_continuation(response);
    } else if (response.type == wire::response_type::tagged) {
        on_tagged(response);
    } else {
        on_untagged(response);
    }
}

void session::impl::on_malformed(const wire::response& response) {
    const session_error problem{session_error::kind::protocol_error,
                                "a response from the server did not parse (at byte " +
                                    std::to_string(response.error.offset) + ": expected " +
                                    std::string(response.error.expected) + ")"};
    if (state == connection_state::awaiting_greeting) {
        fail({session_error::kind::protocol_error, "the greeting did not parse"});
        return;
    }
    if (!response.tag.empty()) {
        command_record* record = find_in_flight(response.tag);
        if (record == nullptr) {
            fail({session_error::kind::protocol_error,
                  "the server answered tag '" + std::string(response.tag) + "', never sent"});
            return;
        }
        record->problem = problem;
        on_tagged(response);
        return;
    }
    // Untagged: whichever command it was for may miss something now.
    for (auto& record : in_flight) {
        record->problem = problem;
    }
}

void session::impl::on_greeting(const wire::response& response) {
    greeting value;
    value.text = std::string(response.text);
    if (response.type != wire::response_type::untagged ||
        (response.status != wire::status_kind::ok &&
         response.status != wire::status_kind::preauth &&
         response.status != wire::status_kind::bye)) {
        fail({session_error::kind::protocol_error,
              "the server's first response is not a greeting (* OK, * PREAUTH or * BYE)"});
        return;
    }
    if (response.code.kind == code_kind::capability) {
        set_capabilities(response.code.list);
    }
    if (response.status == wire::status_kind::bye) {
        value.status = greeting::kind::bye;
        state = connection_state::logout;
        bye_text = value.text;
    } else if (response.status == wire::status_kind::preauth) {
        value.status = greeting::kind::preauth;
        state = connection_state::authenticated;
    } else {
        state = connection_state::not_authenticated;
    }
    events.push_back(greeting_event{std::move(value)});
}

void session::impl::set_capabilities(std::span<const std::string_view> atoms) {
    caps = wire::capability_set(atoms);
    caps_known = true;
    events.push_back(capabilities_event{});
}

void session::impl::on_tagged(const wire::response& response) {
    command_record* record = find_in_flight(response.tag);
    if (record == nullptr) {
        fail({session_error::kind::protocol_error,
              "the server answered tag '" + std::string(response.tag) + "', never sent"});
        return;
    }
    command_result result;
    result.outcome = outcome_of(response.status);
    result.code = detail::to_code(response.code);
    result.text = std::string(response.text);
    const bool ok = result.outcome == command_result::status::ok;
    if (response.code.kind == code_kind::capability) {
        set_capabilities(response.code.list);
    }

    // What the command changed, whether or not anyone still waits for it.
    if (record->as<wire::login_command>() != nullptr ||
        record->as<wire::authenticate_command>() != nullptr) {
        if (ok) {
            state = connection_state::authenticated;
            if (response.code.kind != code_kind::capability) {
                caps_known = false;  // they may change after login: ask
                queue_internal(wire::capability_command{});
            }
        }
    } else if (const auto* select = record->as<wire::select_command>()) {
        auto& data = std::get<selected_mailbox>(record->data);
        if (ok) {
            data.read_only =
                data.read_only || select->read_only || response.code.kind == code_kind::read_only;
            if (response.code.kind == code_kind::read_write) {
                data.read_only = false;
            }
            state = connection_state::selected;
            view.select(data.name, data.uidvalidity);
            view.apply(exists_update{data.exists});
            view.apply(recent_update{data.recent});
        } else if (result.outcome == command_result::status::no) {
            state = connection_state::authenticated;  // RFC 9051 §6.3.2
            view.deselect();
        }
    } else if (record->as<wire::close_command>() != nullptr ||
               record->as<wire::unselect_command>() != nullptr) {
        if (ok) {
            state = connection_state::authenticated;
            view.deselect();
        }
    } else if (record->as<wire::starttls_command>() != nullptr) {
        // buffered() still counts the OK itself until the next parse.
        if (ok && parser.buffered() > response.raw.size()) {
            fail({session_error::kind::protocol_error,
                  "bytes arrived after STARTTLS's OK, before TLS: a response injection attack"});
            return;
        }
        if (ok) {
            caps = {};
            caps_known = false;
        }
    } else if (record->as<wire::logout_command>() != nullptr) {
        state = connection_state::logout;
    }

    if (record->problem) {
        result.outcome = command_result::status::failed;
        result.error = record->problem;
    }
    result.data = std::move(record->data);
    result.fetched = record->fetched;
    report(*record, std::move(result));
    const auto done = std::find_if(in_flight.begin(), in_flight.end(),
                                   [record](const auto& r) { return r.get() == record; });
    in_flight.erase(done);
}

void session::impl::on_status_response(const wire::response& response) {
    command_record* select = find_command<wire::select_command>();
    if (response.code.kind != code_kind::none) {
        apply_code(response.code, select);
    }
    if (response.code.kind == code_kind::other && select != nullptr &&
        response.type == wire::response_type::untagged &&
        response.status == wire::status_kind::ok) {
        std::get<selected_mailbox>(select->data)
            .other_codes.emplace_back(upper(response.code.name),
                                      std::string(response.code.raw_args));
    }
    if (response.status == wire::status_kind::bye) {
        bye_text = std::string(response.text);
        state = connection_state::logout;
        events.push_back(bye_event{std::string(response.text)});
    }
}

void session::impl::apply_code(const wire::response_code& code, command_record* select) {
    selected_mailbox* data =
        select != nullptr ? &std::get<selected_mailbox>(select->data) : nullptr;
    const auto small = static_cast<std::uint32_t>(code.number);
    switch (code.kind) {
        case code_kind::alert:
            break;  // the text is the alert; see on_untagged
        case code_kind::capability:
            set_capabilities(code.list);
            break;
        case code_kind::permanentflags:
            if (data != nullptr) {
                data->permanent_flags = detail::to_strings(code.list);
            }
            break;
        case code_kind::uidnext:
            if (data != nullptr) {
                data->uidnext = small;
            }
            break;
        case code_kind::uidvalidity:
            if (data != nullptr) {
                data->uidvalidity = small;
            }
            break;
        case code_kind::unseen:
            if (data != nullptr) {
                data->unseen = small;
            }
            break;
        case code_kind::highestmodseq:
            if (data != nullptr) {
                data->highest_modseq = code.number;
            }
            break;
        case code_kind::nomodseq:
            if (data != nullptr) {
                data->no_modseq = true;
            }
            break;
        case code_kind::read_only:
            if (data != nullptr) {
                data->read_only = true;
            }
            break;
        default:
            break;
    }
}

void session::impl::update_mailbox(mailbox_update update, bool during_select) {
    if (during_select) {
        return;  // it is the SELECT's data; the view is set when it completes
    }
    view.apply(update);
    events.push_back(mailbox_event{std::move(update)});
}

void session::impl::on_untagged(const wire::response& response) {
    if (response.status != wire::status_kind::none) {
        on_status_response(response);
        if (response.code.kind == code_kind::alert) {
            events.push_back(alert_event{std::string(response.text)});
        }
        return;
    }
    command_record* select = find_command<wire::select_command>();
    selected_mailbox* selecting =
        select != nullptr ? &std::get<selected_mailbox>(select->data) : nullptr;
    const wire::name_encoding names = name_encoding();
    switch (response.kind) {
        case data_kind::capability:
            set_capabilities(response.atoms);
            if (command_record* asked = find_command<wire::capability_command>()) {
                asked->data = caps;
            }
            break;
        case data_kind::enabled:
            for (std::string_view atom : response.atoms) {
                enabled.push_back(upper(atom));
            }
            if (command_record* asked = find_command<wire::enable_command>()) {
                asked->data = detail::to_strings(response.atoms);
            }
            break;
        case data_kind::id:
            if (command_record* asked = find_command<wire::id_command>()) {
                asked->data = detail::to_id(response.id);
            }
            break;
        case data_kind::namespace_:
            if (command_record* asked = find_command<wire::namespace_command>()) {
                asked->data = detail::to_namespaces(response.namespaces);
            }
            break;
        case data_kind::list:
        case data_kind::lsub: {
            command_record* asked = find_command<wire::list_command>();
            if (asked == nullptr) {
                asked = find_command<wire::lsub_command>();
            }
            if (asked != nullptr) {
                mailbox_entry entry = detail::to_entry(response.list, names);
                asked->gathered_bytes += held_bytes(entry);
                if (asked->gathered_bytes > options.max_gathered_bytes) {
                    fail(session_error{session_error::kind::protocol_error,
                                       "the server's LIST answer grew past " +
                                           std::to_string(options.max_gathered_bytes) +
                                           " bytes without ending"});
                    return;
                }
                std::get<std::vector<mailbox_entry>>(asked->data).push_back(std::move(entry));
            }
            break;
        }
        case data_kind::status: {
            mailbox_status status = detail::to_status(response.mailbox_status, names);
            for (auto& record : in_flight) {
                if (const auto* asked = record->as<wire::status_command>();
                    asked != nullptr && same_mailbox(asked->mailbox, status.mailbox)) {
                    record->data = std::move(status);
                    return;
                }
            }
            // LIST-STATUS: the STATUS follows its mailbox's LIST entry.
            if (command_record* list = find_command<wire::list_command>()) {
                auto& entries = std::get<std::vector<mailbox_entry>>(list->data);
                const auto entry = std::find_if(
                    entries.rbegin(), entries.rend(),
                    [&](const auto& e) { return same_mailbox(e.name, status.mailbox); });
                if (entry != entries.rend()) {
                    entry->status = std::move(status);
                }
            }
            break;
        }
        case data_kind::search:
            for (auto& record : in_flight) {
                if (const auto* asked = record->as<wire::search_command>();
                    asked != nullptr && !asked->return_options) {
                    record->data = detail::to_search(response.search);
                    break;
                }
            }
            break;
        case data_kind::esearch: {
            command_record* asked = response.esearch.tag.is_nil()
                                        ? find_command<wire::search_command>()
                                        : find_in_flight(response.esearch.tag.bytes);
            if (asked != nullptr && asked->as<wire::search_command>() != nullptr) {
                if (auto result = detail::to_search(response.esearch)) {
                    asked->data = std::move(*result);
                } else {
                    asked->problem = session_error{session_error::kind::protocol_error,
                                                   "an ESEARCH result names too many messages"};
                }
            }
            break;
        }
        case data_kind::flags:
            if (selecting != nullptr) {
                selecting->flags = detail::to_strings(response.atoms);
            }
            update_mailbox(defined_flags_update{detail::to_strings(response.atoms)},
                           selecting != nullptr);
            break;
        case data_kind::exists:
            if (selecting != nullptr) {
                selecting->exists = response.number;
            }
            update_mailbox(exists_update{response.number}, selecting != nullptr);
            break;
        case data_kind::recent:
            if (selecting != nullptr) {
                selecting->recent = response.number;
            }
            update_mailbox(recent_update{response.number}, selecting != nullptr);
            break;
        case data_kind::expunge:
            update_mailbox(expunge_update{response.number, view.uid_of(response.number)}, false);
            break;
        case data_kind::vanished: {
            vanished_update update;
            update.earlier = response.vanished.earlier;
            if (const auto set = wire::parse_uid_set(response.vanished.uid_set)) {
                for (const wire::seq_range& range : set->ranges()) {
                    if (update.uids.size() + (range.last - range.first) >=
                        detail::max_search_numbers) {
                        break;
                    }
                    for (std::uint64_t uid = range.first; uid <= range.last; ++uid) {
                        update.uids.push_back(static_cast<std::uint32_t>(uid));
                    }
                }
            }
            std::sort(update.uids.begin(), update.uids.end());
            update_mailbox(std::move(update), false);
            break;
        }
        case data_kind::fetch:
            on_fetch(response);
            break;
        default:
            break;  // data this session does not know: the trace has it
    }
}

void session::impl::on_fetch(const wire::response& response) {
    fetch_message message = detail::to_message(response);
    if (message.uid) {
        view.learn_uid(message.sequence, *message.uid);
    }
    command_record* target = nullptr;
    const bool payload = has_payload(response);
    for (auto& record : in_flight) {
        const auto* fetch = record->as<wire::fetch_command>();
        if (fetch == nullptr || (!payload && !wants_only_flags(*fetch))) {
            continue;
        }
        const bool member = fetch->uid ? message.uid && fetch->set.contains(*message.uid, ~0u)
                                       : fetch->set.contains(message.sequence, view.exists());
        if (member) {
            target = record.get();
            break;
        }
    }
    if (target == nullptr && payload && (!message.uid || *message.uid == 0)) {
        // A server that leaves out the UID a UID FETCH must carry (or sends
        // UID 0): the data is still the answer to the oldest UID FETCH, not
        // news to drop.
        for (auto& record : in_flight) {
            const auto* fetch = record->as<wire::fetch_command>();
            if (fetch != nullptr && fetch->uid && !wants_only_flags(*fetch)) {
                target = record.get();
                break;
            }
        }
    }
    const auto* asked = target != nullptr ? target->as<wire::fetch_command>() : nullptr;
    if (message.flags && (asked == nullptr || !wants_flags(*asked))) {
        update_mailbox(flags_update{message.sequence, message.uid, *message.flags, message.modseq},
                       false);
    }
    if (target == nullptr) {
        return;
    }
    ++target->fetched;
    if (!target->abandoned) {
        events.push_back(fetch_event{target->id, std::move(message)});
    }
}

}  // namespace uvimap::session
