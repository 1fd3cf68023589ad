// The state behind a session: the command table, the scheduler's view of
// it, the mailbox view, and the events waiting to be taken. Private.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uvimap/session/session.hpp"
#include "uvimap/wire/command_traits.hpp"
#include "uvimap/wire/encoder.hpp"
#include "uvimap/wire/mutf7.hpp"
#include "uvimap/wire/parser.hpp"

namespace uvimap::session {

// One command, from submit() to its tagged answer.
struct command_record {
    // Where it is, as STYLE's named states.
    enum class stage {
        queued,                // not sent yet
        waiting_continuation,  // sent up to a `+` it waits for (literal, SASL, IDLE)
        waiting_completion,    // all sent; waiting for the tagged answer
    };

    command_id id = 0;
    wire::command cmd;
    wire::command_traits traits;
    command_options options;
    stage where = stage::queued;
    std::string tag;
    // The encoded command; `next` is the first fragment not sent yet.
    std::vector<wire::fragment> fragments;
    std::size_t next = 0;
    // Given up by the application: its answer is awaited and dropped.
    bool abandoned = false;
    // Queued by the session itself (CAPABILITY after STARTTLS or LOGIN):
    // no event reports its completion.
    bool internal = false;
    // AUTHENTICATE: the initial response has been sent.
    bool sasl_started = false;
    // IDLE: `+` came; DONE asked for; DONE sent.
    bool idling = false;
    bool done_wanted = false;
    bool done_sent = false;
    // A response that did not parse arrived while this was in flight.
    std::optional<session_error> problem;
    command_data data;
    std::uint64_t fetched = 0;
    std::size_t gathered_bytes = 0;  // held in `data`, for max_gathered_bytes

    bool is_waiting_continuation() const noexcept { return where == stage::waiting_continuation; }
    template <class C>
    const C* as() const noexcept {
        return std::get_if<C>(&cmd);
    }
};

struct session::impl {
    explicit impl(session_options opts);

    session_options options;
    wire::parser parser;
    wire::tag_allocator tags;
    connection_state state = connection_state::awaiting_greeting;
    wire::capability_set caps;
    bool caps_known = false;
    std::vector<std::string> enabled;  // upper-cased
    mailbox_view view;
    std::deque<std::unique_ptr<command_record>> queue;
    std::vector<std::unique_ptr<command_record>> in_flight;
    std::deque<event> events;
    std::string output;
    std::optional<session_error> failure;
    std::optional<std::string> bye_text;
    bool logout_submitted = false;
    command_id next_id = 1;

    // session.cpp
    void fail(session_error error);
    void complete_unsent(command_record& record, session_error error);
    void report(command_record& record, command_result result);
    wire::name_encoding name_encoding() const noexcept;
    wire::encoder_options encoder_options() const;
    command_id queue_internal(wire::command cmd);

    // scheduler.cpp
    void release();
    bool can_release(const command_record& record) const;
    void send(command_record& record);
    void send_fragments(command_record& record);
    void on_continuation(const wire::response& response);

    // router.cpp
    void on_response(const wire::response& response);
    void on_greeting(const wire::response& response);
    void on_tagged(const wire::response& response);
    void on_untagged(const wire::response& response);
    void on_status_response(const wire::response& response);
    void on_fetch(const wire::response& response);
    void on_malformed(const wire::response& response);
    void apply_code(const wire::response_code& code, command_record* select);
    void update_mailbox(mailbox_update update, bool during_select);
    void set_capabilities(std::span<const std::string_view> atoms);
    command_record* find_in_flight(std::string_view tag) noexcept;
    template <class C>
    command_record* find_command() noexcept {
        for (auto& record : in_flight) {
            if (record->as<C>() != nullptr) {
                return record.get();
            }
        }
        return nullptr;
    }

    // trace.cpp
    void trace_fragment(const wire::fragment& fragment);
    void trace_response(std::string_view raw);
};

}  // namespace uvimap::session
