#include "uvimap/session/session.hpp"

#include <algorithm>

#include "session_impl.hpp"

namespace uvimap::session {

namespace {

wire::parser_options parser_options_of(const session_options& options) {
    wire::parser_options out;
    out.limits = options.limits;
    out.sink = options.sink;
    out.stream_threshold = options.stream_threshold;
    return out;
}

wire::tag_allocator tags_of(const session_options& options) {
    auto tags = wire::tag_allocator::with_prefix(options.tag_prefix);
    return tags ? std::move(*tags) : wire::tag_allocator();
}

// The collector a command's untagged answers go into.
command_data initial_data(const wire::command& cmd) {
    if (std::holds_alternative<wire::list_command>(cmd) ||
        std::holds_alternative<wire::lsub_command>(cmd)) {
        return std::vector<mailbox_entry>{};
    }
    if (const auto* select = std::get_if<wire::select_command>(&cmd)) {
        selected_mailbox data;
        data.name = select->mailbox;
        return data;
    }
    return std::monostate{};
}

std::unique_ptr<command_record> make_record(command_id id, wire::command cmd) {
    auto record = std::make_unique<command_record>();
    record->id = id;
    record->traits = wire::traits_of(cmd);
    record->data = initial_data(cmd);
    record->cmd = std::move(cmd);
    return record;
}

}  // namespace

std::string_view to_string(connection_state state) noexcept {
    switch (state) {
        case connection_state::awaiting_greeting:
            return "awaiting_greeting";
        case connection_state::not_authenticated:
            return "not_authenticated";
        case connection_state::authenticated:
            return "authenticated";
        case connection_state::selected:
            return "selected";
        case connection_state::logout:
            return "logout";
        case connection_state::failed:
            return "failed";
    }
    return "unknown";
}

session::impl::impl(session_options opts)
    : options(std::move(opts)), parser(parser_options_of(options)), tags(tags_of(options)) {
    if (options.pipeline_depth == 0) {
        options.pipeline_depth = 1;
    }
}

wire::name_encoding session::impl::name_encoding() const noexcept {
    const bool utf8 = std::find(enabled.begin(), enabled.end(), "UTF8=ACCEPT") != enabled.end() ||
                      std::find(enabled.begin(), enabled.end(), "IMAP4REV2") != enabled.end();
    return utf8 ? wire::name_encoding::utf8 : wire::name_encoding::mutf7;
}

wire::encoder_options session::impl::encoder_options() const {
    return wire::encoder_options_for(caps, name_encoding() == wire::name_encoding::utf8);
}

void session::impl::report(command_record& record, command_result result) {
    if (record.abandoned || record.internal) {
        return;
    }
    events.push_back(completed_event{record.id, std::move(result)});
}

void session::impl::complete_unsent(command_record& record, session_error error) {
    command_result result;
    result.error = std::move(error);
    report(record, std::move(result));
}

void session::impl::fail(session_error error) {
    if (failure) {
        return;
    }
    failure = error;
    state = connection_state::failed;
    output.clear();
    for (auto& record : in_flight) {
        complete_unsent(*record, error);
    }
    for (auto& record : queue) {
        complete_unsent(*record, error);
    }
    in_flight.clear();
    queue.clear();
    events.push_back(failed_event{std::move(error)});
}

command_id session::impl::queue_internal(wire::command cmd) {
    auto record = make_record(next_id++, std::move(cmd));
    record->internal = true;
    const command_id id = record->id;
    queue.push_back(std::move(record));
    return id;
}

session::session(session_options options) : m_impl(std::make_unique<impl>(std::move(options))) {}
session::~session() = default;

std::span<char> session::prepare(std::size_t n) {
    return m_impl->parser.prepare(n);
}

void session::commit(std::size_t n) {
    m_impl->parser.commit(n);
}

void session::feed(std::string_view bytes) {
    m_impl->parser.feed(bytes);
}

std::uint64_t session::pending_literal() const noexcept {
    return m_impl->parser.pending_literal();
}

std::optional<event> session::next_event() {
    impl& s = *m_impl;
    while (s.events.empty() && !s.failure) {
        const wire::parse_status status = s.parser.next();
        if (status == wire::parse_status::need_more) {
            break;
        }
        if (status == wire::parse_status::failed) {
            const wire::parse_error& error = s.parser.error();
            s.fail({session_error::kind::protocol_error,
                    "the server's byte stream cannot be framed: " +
                        std::string(wire::to_string(error.kind)) + " at byte " +
                        std::to_string(error.offset)});
            break;
        }
        s.on_response(s.parser.current());
        s.release();
    }
    if (s.events.empty()) {
        return std::nullopt;
    }
    event next = std::move(s.events.front());
    s.events.pop_front();
    return next;
}

command_id session::submit(wire::command cmd, command_options options) {
    impl& s = *m_impl;
    auto record = make_record(s.next_id++, std::move(cmd));
    record->options = std::move(options);
    const command_id id = record->id;
    if (s.failure || s.logout_submitted) {
        s.complete_unsent(*record, s.failure ? *s.failure
                                             : session_error{session_error::kind::not_sent,
                                                             "the session is logging out"});
        return id;
    }
    s.logout_submitted = record->as<wire::logout_command>() != nullptr;
    s.queue.push_back(std::move(record));
    s.release();
    return id;
}

void session::cancel(command_id id) {
    impl& s = *m_impl;
    const session_error cancelled{session_error::kind::cancelled, "the command was cancelled"};
    const auto queued = std::find_if(s.queue.begin(), s.queue.end(),
                                     [id](const auto& record) { return record->id == id; });
    if (queued != s.queue.end()) {
        std::unique_ptr<command_record> record = std::move(*queued);
        s.queue.erase(queued);
        s.complete_unsent(*record, cancelled);
        s.release();
        return;
    }
    for (auto& record : s.in_flight) {
        if (record->id != id || record->abandoned) {
            continue;
        }
        s.complete_unsent(*record, cancelled);
        record->abandoned = true;
        // An IDLE ends with DONE. An AUTHENTICATE exchange ends with "*" at
        // the server's next challenge (see on_continuation); other commands
        // simply run to their tagged answer, which is dropped.
        if (record->as<wire::idle_command>() != nullptr) {
            end_idle(id);
        }
        return;
    }
}

void session::end_idle(command_id id) {
    impl& s = *m_impl;
    for (auto& record : s.in_flight) {
        if (record->id != id || record->as<wire::idle_command>() == nullptr) {
            continue;
        }
        record->done_wanted = true;
        if (record->idling && !record->done_sent) {
            const wire::fragment done = wire::encode_done();
            s.output += done.bytes;
            s.trace_fragment(done);
            record->done_sent = true;
        }
    }
}

std::string session::take_output() {
    return std::exchange(m_impl->output, std::string());
}

bool session::has_output() const noexcept {
    return !m_impl->output.empty();
}

void session::transport_secured() {
    impl& s = *m_impl;
    s.parser.reset();
    s.caps = {};
    s.caps_known = false;
    s.queue_internal(wire::capability_command{});
    s.release();
}

void session::connection_lost(session_error error) {
    impl& s = *m_impl;
    if (s.failure) {
        return;
    }
    if (s.state == connection_state::logout && s.in_flight.empty() && s.queue.empty()) {
        return;  // the end of a LOGOUT: nothing lost
    }
    if (s.bye_text) {
        error = {session_error::kind::bye, "the server said BYE: " + *s.bye_text};
    }
    s.fail(std::move(error));
}

connection_state session::state() const noexcept {
    return m_impl->state;
}

const wire::capability_set& session::capabilities() const noexcept {
    return m_impl->caps;
}

bool session::capabilities_known() const noexcept {
    return m_impl->caps_known;
}

bool session::capabilities_requested() const noexcept {
    auto asks = [](const auto& record) {
        return record->template as<wire::capability_command>() != nullptr;
    };
    return std::any_of(m_impl->queue.begin(), m_impl->queue.end(), asks) ||
           std::any_of(m_impl->in_flight.begin(), m_impl->in_flight.end(), asks);
}

bool session::is_enabled(std::string_view extension) const noexcept {
    return std::any_of(m_impl->enabled.begin(), m_impl->enabled.end(),
                       [extension](const std::string& e) { return e == extension; });
}

const mailbox_view& session::mailbox() const noexcept {
    return m_impl->view;
}

std::size_t session::in_flight() const noexcept {
    return m_impl->in_flight.size();
}

std::size_t session::queued() const noexcept {
    return m_impl->queue.size();
}

}  // namespace uvimap::session
