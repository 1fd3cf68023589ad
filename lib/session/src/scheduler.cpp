// The pipelining scheduler: which queued command may go now (the rules are
// listed in session.hpp and explained in docs/architecture.md), and the
// sending of a command's fragments around the `+` it may wait for.

#include <algorithm>
#include <limits>

#include "convert.hpp"
#include "session_impl.hpp"
#include "uvimap/wire/encoder.hpp"

namespace uvimap::session {

namespace {

// Bounds of a range with `*` read as the largest number there can be.
std::pair<std::uint32_t, std::uint32_t> bounds(const wire::seq_range& range) {
    constexpr std::uint32_t infinity = std::numeric_limits<std::uint32_t>::max();
    const std::uint32_t a = range.first == wire::star ? infinity : range.first;
    const std::uint32_t b = range.last == wire::star ? infinity : range.last;
    return {std::min(a, b), std::max(a, b)};
}

bool overlap(const wire::sequence_set& a, const wire::sequence_set& b) {
    for (const wire::seq_range& x : a.ranges()) {
        const auto [x_low, x_high] = bounds(x);
        for (const wire::seq_range& y : b.ranges()) {
            const auto [y_low, y_high] = bounds(y);
            if (x_low <= y_high && y_low <= x_high) {
                return true;
            }
        }
    }
    return false;
}

bool same_mailbox(std::string_view a, std::string_view b) {
    // INBOX is case-insensitive (RFC 9051 §5.1); other names are not.
    return a == b || (detail::same_ascii(a, "INBOX") && detail::same_ascii(b, "INBOX"));
}

// Rule 7: whether the untagged answers of `a` and `b` could be mistaken for
// each other's.
bool ambiguous(const wire::command& a, const wire::command& b) {
    if (const auto* fa = std::get_if<wire::fetch_command>(&a)) {
        const auto* fb = std::get_if<wire::fetch_command>(&b);
        return fb != nullptr && (fa->uid != fb->uid || overlap(fa->set, fb->set));
    }
    if (const auto* sa = std::get_if<wire::status_command>(&a)) {
        if (const auto* sb = std::get_if<wire::status_command>(&b)) {
            return same_mailbox(sa->mailbox, sb->mailbox);
        }
        const auto* list = std::get_if<wire::list_command>(&b);
        return list != nullptr && !list->return_status.empty();
    }
    if (std::holds_alternative<wire::status_command>(b)) {
        return ambiguous(b, a);
    }
    const bool list_a = std::holds_alternative<wire::list_command>(a) ||
                        std::holds_alternative<wire::lsub_command>(a);
    const bool list_b = std::holds_alternative<wire::list_command>(b) ||
                        std::holds_alternative<wire::lsub_command>(b);
    if (list_a || list_b) {
        return list_a && list_b;
    }
    if (const auto* search_a = std::get_if<wire::search_command>(&a)) {
        const auto* search_b = std::get_if<wire::search_command>(&b);
        // With RETURN the answer is an ESEARCH tagged with the command's tag.
        return search_b != nullptr && !search_a->return_options && !search_b->return_options;
    }
    // CAPABILITY, NAMESPACE, ID, ENABLE: one of a kind at a time.
    return a.index() == b.index() && (std::holds_alternative<wire::capability_command>(a) ||
                                      std::holds_alternative<wire::namespace_command>(a) ||
                                      std::holds_alternative<wire::id_command>(a) ||
                                      std::holds_alternative<wire::enable_command>(a));
}

}  // namespace

bool session::impl::can_release(const command_record& record) const {
    const wire::command_traits& traits = record.traits;
    if (in_flight.size() >= options.pipeline_depth) {
        return false;  // rule 1
    }
    if ((traits.changes_selected_state || traits.exclusive) && !in_flight.empty()) {
        return false;  // rules 4 and 6: fences and lone commands wait for all before
    }
    for (const auto& other : in_flight) {
        const wire::command_traits& ahead = other->traits;
        if (other->is_waiting_continuation() || ahead.needs_continuation) {
            return false;  // rule 2
        }
        if (ahead.changes_connection_state || ahead.changes_selected_state || ahead.exclusive) {
            return false;  // rules 3, 4 and 6: nothing behind them
        }
        if (traits.uses_sequence_numbers && ahead.may_expunge) {
            return false;  // rule 5
        }
        if (ambiguous(record.cmd, other->cmd)) {
            return false;  // rule 7
        }
    }
    return true;
}

void session::impl::release() {
    while (!queue.empty() && !failure && state != connection_state::awaiting_greeting) {
        command_record& next = *queue.front();
        if (state == connection_state::logout) {
            std::unique_ptr<command_record> record = std::move(queue.front());
            queue.pop_front();
            complete_unsent(*record, {session_error::kind::not_sent,
                                      "the server ended the session (BYE) before it was sent"});
            continue;
        }
        if (!can_release(next)) {
            return;
        }
        std::unique_ptr<command_record> record = std::move(queue.front());
        queue.pop_front();
        send(*record);
        if (record->where != command_record::stage::queued) {
            in_flight.push_back(std::move(record));
        }
    }
}

void session::impl::send(command_record& record) {
    if (auto* auth = std::get_if<wire::authenticate_command>(&record.cmd);
        auth != nullptr && record.options.sasl) {
        auth->mechanism = std::string(record.options.sasl->name());
        if (encoder_options().sasl_ir) {
            auth->initial_response = record.options.sasl->initial_response();
            record.sasl_started = true;
        }
    }
    const std::string tag = tags.peek();
    auto encoded = wire::encode_command(tag, record.cmd, encoder_options());
    if (!encoded) {
        complete_unsent(record, {session_error::kind::not_sent,
                                 "the command cannot be written: " +
                                     std::string(wire::to_string(encoded.error().code))});
        return;
    }
    tags.next();
    record.tag = tag;
    record.fragments = std::move(encoded->fragments);
    record.next = 0;
    send_fragments(record);
}

void session::impl::send_fragments(command_record& record) {
    while (record.next < record.fragments.size()) {
        const wire::fragment& piece = record.fragments[record.next];
        if (piece.kind == wire::fragment_kind::literal && piece.mode == wire::literal_mode::sync) {
            record.where = command_record::stage::waiting_continuation;
            return;  // on_continuation sends it when the server says `+`
        }
        output += piece.bytes;
        trace_fragment(piece);
        ++record.next;
    }
    record.where = record.traits.needs_continuation ? command_record::stage::waiting_continuation
                                                    : command_record::stage::waiting_completion;
}

void session::impl::on_continuation(const wire::response& response) {
    const auto waiting = std::find_if(in_flight.begin(), in_flight.end(), [](const auto& record) {
        return record->is_waiting_continuation();
    });
    if (waiting == in_flight.end()) {
        fail({session_error::kind::protocol_error,
              "the server sent a continuation request (+) while no command waited for one"});
        return;
    }
    command_record& record = **waiting;
    if (record.next < record.fragments.size()) {
        // The synchronizing literal the server just agreed to take.
        const wire::fragment& literal = record.fragments[record.next];
        output += literal.bytes;
        trace_fragment(literal);
        ++record.next;
        send_fragments(record);
        return;
    }
    if (record.as<wire::idle_command>() != nullptr) {
        if (!record.idling) {
            record.idling = true;
            if (!record.abandoned) {
                events.push_back(idling_event{record.id});
            }
            if (record.done_wanted && !record.done_sent) {
                const wire::fragment done = wire::encode_done();
                output += done.bytes;
                trace_fragment(done);
                record.done_sent = true;
            }
        }
        return;
    }
    if (record.as<wire::authenticate_command>() == nullptr) {
        fail({session_error::kind::protocol_error,
              "the server sent a continuation request (+) to a command that sends no more"});
        return;
    }
    // A SASL challenge.
    wire::fragment reply = wire::encode_sasl_cancel();
    sasl_mechanism* mechanism = record.options.sasl.get();
    if (record.abandoned || mechanism == nullptr) {
        // "*" cancels the exchange; the server answers BAD.
    } else if (!record.sasl_started) {
        record.sasl_started = true;
        reply = wire::encode_sasl_response(mechanism->initial_response());
    } else if (const auto challenge = wire::base64_decode(response.continuation)) {
        if (auto answer = mechanism->respond(*challenge)) {
            reply = wire::encode_sasl_response(*answer);
        }
    }
    output += reply.bytes;
    trace_fragment(reply);
}

}  // namespace uvimap::session
