#include "summary_command.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "summary_format.hpp"
#include "support/terminal_text.hpp"
#include "uvimap/async/event.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/client/error.hpp"
#include "uvimap/error.hpp"

namespace uvimap::app {

namespace {

// The first fetch takes this much of each message's first part, as the raw
// floor of the benchmarks does; a follow-up takes more where it was not
// enough for 60 characters (quoted-printable CJK needs about 540 bytes).
constexpr std::uint64_t first_bytes = 256;
constexpr std::uint64_t more_bytes = 4096;

struct message_summary {
    std::uint32_t uid = 0;
    std::optional<std::string> from;  // none when the message has no From
    body_summary body;
    // For a body still need_more: what the first bytes give, shown if the
    // follow-up never completes it (a server that answered twice for one
    // UID, or not at all).
    body_summary fallback;
};

// Where a message waits in the printer: its sequence number, then the
// order it arrived in (a server may answer twice for one message).
using printer_place = std::pair<std::uint32_t, std::uint64_t>;

// Prints messages in folder order, by sequence number, each as soon as
// every message before it is printed or known to be absent. Servers may
// answer pipelined FETCH commands in parallel (Dovecot interleaves them when
// the client reads slowly), so arrival order is not folder order.
class ordered_printer {
public:
    ordered_printer(account_output& out, const std::string& folder) : m_out(out) {
        if (json_writer* w = m_out.json()) {
            w->begin_object();
            w->key("folder");
            w->string(folder);
            w->key("messages");
            w->begin_array();
        }
    }

    // A second answer for one message is printed too, right after the
    // first: nothing the server sent is lost.
    printer_place add(std::uint32_t sequence, message_summary message) {
        const printer_place place{sequence, m_arrivals++};
        m_waiting.emplace(place, std::move(message));
        flush();
        return place;
    }

    // Messages added and not printed yet.
    std::size_t waiting() const noexcept { return m_waiting.size(); }

    void complete(printer_place place, body_summary body) {
        const auto waiting = m_waiting.find(place);
        if (waiting != m_waiting.end()) {
            waiting->second.body = std::move(body);
            flush();
        }
    }

    // Every message up to `sequence` has been answered: a number missing
    // there is a message the server did not send, not one still to come.
    void answered_through(std::uint32_t sequence) {
        m_answered = std::max(m_answered, sequence);
        flush();
    }

    void finish() {
        for (auto& [place, message] : m_waiting) {
            if (message.body.what == body_summary::kind::need_more) {
                message.body = std::move(message.fallback);
            }
        }
        answered_through(std::numeric_limits<std::uint32_t>::max());
        if (json_writer* w = m_out.json()) {
            w->end_array();
            w->end_object();
        }
    }

private:
    void flush() {
        while (!m_waiting.empty()) {
            const auto first = m_waiting.begin();
            const std::uint32_t sequence = first->first.first;
            if (sequence > m_next && sequence - 1 > m_answered) {
                return;  // a message before it is still to come
            }
            if (first->second.body.what == body_summary::kind::need_more) {
                return;  // its follow-up is still to come
            }
            emit(first->second);
            m_next = std::max<std::uint64_t>(m_next, std::uint64_t{sequence} + 1);
            m_waiting.erase(first);
        }
    }

    void emit(const message_summary& m) {
        json_writer* w = m_out.json();
        if (w == nullptr) {
            // The chapter prints Python's None for a message without From.
            m_out.line(std::to_string(m.uid) + " " +
                       sanitize_for_terminal(m.from.value_or("None")));
            m_out.line(sanitize_for_terminal(m.body.line()));
            return;
        }
        w->begin_object();
        w->key("uid");
        w->unsigned_number(m.uid);
        w->key("from");
        if (m.from) {
            w->string(*m.from);
        } else {
            w->null();
        }
        switch (m.body.what) {
            case body_summary::kind::text:
                w->key("text");
                w->string(m.body.text);
                break;
            case body_summary::kind::parts:
                w->key("parts");
                w->begin_array();
                for (const std::string& part : m.body.parts) {
                    w->string(part);
                }
                w->end_array();
                break;
            case body_summary::kind::other:
            case body_summary::kind::need_more:
                w->key("type");
                w->string(m.body.type);
                w->key("size");
                w->number(m.body.size);
                break;
        }
        w->end_object();
    }

    account_output& m_out;
    std::map<printer_place, message_summary> m_waiting;
    std::uint64_t m_next = 1;      // the sequence number to print next
    std::uint32_t m_answered = 0;  // every message up to it was answered
    std::uint64_t m_arrivals = 0;
};

std::vector<wire::fetch_att> first_part_prefix(std::uint64_t bytes) {
    wire::section_spec part_one;
    part_one.part = {1};
    std::vector<wire::fetch_att> items;
    items.push_back(wire::fetch_att::body_section(part_one, true, wire::partial_range{0, bytes}));
    return items;
}

std::optional<std::string> part_one(const session::fetch_message& message) {
    const session::body_section* section = message.find_section("1");
    return section != nullptr ? section->data : std::nullopt;
}

// A message whose first bytes were too few: where it is (by UID where the
// server gave one), where it waits in the printer, and what to decode more
// of its first part with.
struct short_message {
    std::optional<std::uint32_t> uid;
    printer_place place;
    session::body_structure structure;
};

// Fetches more of the message's first part and completes its summary.
async::task<void> fetch_more(client::client& imap, ordered_printer& printer,
                             mime::charset_converter& cv, short_message message) {
    std::optional<std::string> bytes;
    client::fetch_options how;
    how.uid = message.uid.has_value();
    co_await imap.fetch(
        wire::sequence_set::single(message.uid.value_or(message.place.first)),
        first_part_prefix(more_bytes),
        [&bytes](session::fetch_message&& m) { bytes = part_one(m); }, how);
    printer.complete(message.place, summarize_body(message.structure, bytes, true, cv));
}

// One FETCH of the folder, and the last sequence number it answers for.
struct folder_piece {
    wire::sequence_set messages;
    std::uint32_t last = std::numeric_limits<std::uint32_t>::max();
};

// The folder's FETCH commands: one `UID FETCH 1:*` up to `piece` messages;
// beyond, `FETCH` by sequence number, `piece` messages each, the last
// open-ended (`N:*`) for messages that arrive meanwhile.
std::vector<folder_piece> pieces_of(std::uint32_t exists, std::uint32_t piece) {
    if (exists == 0) {
        return {};
    }
    if (exists <= piece) {
        return {folder_piece{wire::sequence_set::all()}};
    }
    std::vector<folder_piece> pieces;
    for (std::uint64_t first = 1; first <= exists; first += piece) {
        if (first + piece > exists) {
            pieces.push_back(folder_piece{wire::sequence_set(
                {wire::seq_range{static_cast<std::uint32_t>(first), wire::star}})});
            break;
        }
        const auto last = static_cast<std::uint32_t>(first + piece - 1);
        pieces.push_back(folder_piece{
            wire::sequence_set({wire::seq_range{static_cast<std::uint32_t>(first), last}}), last});
    }
    return pieces;
}

// Summarises one folder: streams each piece's messages to the printer and
// sends the follow-ups of a piece as soon as it is done. Two pieces are in
// flight at once, so the server answers piece k's follow-ups right after
// piece k + 1, and the messages waiting for them are at most about two
// pieces' worth, whatever the size of the folder.
class folder_summarizer {
public:
    folder_summarizer(client::client& imap, account_output& out, const std::string& folder)
        : m_imap(imap), m_printer(out, folder) {
        m_items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::uid));
        m_items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::envelope));
        m_items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::bodystructure));
        for (wire::fetch_att& item : first_part_prefix(first_bytes)) {
            m_items.push_back(std::move(item));
        }
    }

    async::task<void> run(std::uint32_t exists, std::uint32_t piece) {
        m_pieces = pieces_of(exists, piece);
        m_waiting_limit = std::size_t{4} * piece;
        m_short.resize(m_pieces.size());
        for (std::size_t k = 0; k < m_pieces.size(); ++k) {
            m_fetched.push_back(std::make_unique<async::async_event>());
        }
        try {
            if (!m_pieces.empty()) {
                m_work.spawn(fetch_piece(0));
            }
            for (std::size_t k = 0; k < m_pieces.size(); ++k) {
                if (k + 1 < m_pieces.size()) {
                    m_work.spawn(fetch_piece(k + 1));
                }
                co_await m_fetched[k]->wait();
                if (m_failure) {
                    m_work.cancel();  // the piece after it need not run to its end
                    break;
                }
                // In order: piece k + 1 may finish first, piece k's
                // messages still to come.
                m_printer.answered_through(m_pieces[k].last);
                for (short_message& message : m_short[k]) {
                    m_work.spawn(fetch_more(m_imap, m_printer, m_cv, std::move(message)));
                }
                m_short[k].clear();
            }
        } catch (...) {
            m_failure = std::current_exception();  // cancelled, say
            m_work.cancel();
        }
        co_await m_work.join();
        if (!m_failure && !m_work.errors().empty()) {
            m_failure = m_work.errors().front();
        }
        if (m_failure) {
            std::rethrow_exception(m_failure);
        }
        m_printer.finish();
    }

private:
    async::task<void> fetch_piece(std::size_t k) {
        client::fetch_options how;
        how.uid = m_pieces.size() == 1;
        try {
            co_await m_imap.fetch(
                m_pieces[k].messages, m_items,
                [this, k](session::fetch_message&& m) { on_message(std::move(m), m_short[k]); },
                how);
        } catch (...) {
            if (!m_failure) {
                m_failure = std::current_exception();
            }
        }
        m_fetched[k]->set();
    }

    void on_message(session::fetch_message&& m, std::vector<short_message>& short_ones) {
        static const session::body_structure no_structure;
        if (m_printer.waiting() >= m_waiting_limit) {
            // In order, about three pieces wait at most (one for its
            // follow-ups, two fetched meanwhile). More is a server answering
            // out of order without end: fail this fetch (the client reads
            // and drops the rest of its answer) rather than hold it all.
            throw error(client::errc::protocol_error,
                        std::to_string(m_printer.waiting()) +
                            " of the server's FETCH answers are waiting for an earlier message "
                            "it has not sent");
        }
        message_summary summary;
        summary.uid = m.uid.value_or(m.sequence);
        if (m.env && !m.env->from.empty()) {
            summary.from = format_from(m.env->from, m_cv);
        }
        const session::body_structure& structure = m.structure ? *m.structure : no_structure;
        const std::optional<std::string> first = part_one(m);
        summary.body = summarize_body(structure, first, false, m_cv);
        const bool short_text = summary.body.what == body_summary::kind::need_more;
        if (short_text) {
            summary.fallback = summarize_body(structure, first, true, m_cv);
        }
        const printer_place place = m_printer.add(m.sequence, std::move(summary));
        if (short_text) {
            short_ones.push_back(short_message{
                m.uid, place, m.structure ? std::move(*m.structure) : session::body_structure{}});
        }
    }

    client::client& m_imap;
    mime::charset_converter m_cv;
    ordered_printer m_printer;
    std::vector<wire::fetch_att> m_items;
    std::vector<folder_piece> m_pieces;
    std::vector<std::vector<short_message>> m_short;  // per piece, until its follow-ups go
    std::vector<std::unique_ptr<async::async_event>> m_fetched;  // per piece
    async::async_scope m_work;
    std::exception_ptr m_failure;
    std::size_t m_waiting_limit = 0;  // messages the printer may hold
};

async::task<void> summarize_folder(client::client& imap, account_output& out,
                                   const std::string& folder, std::uint32_t piece) {
    folder_summarizer summarizer(imap, out, folder);
    const session::selected_mailbox box = co_await imap.examine(folder);
    co_await summarizer.run(box.exists, piece);
}

}  // namespace

account_operation summary_operation(std::string folder, std::uint32_t piece) {
    return [folder, piece](client::client& imap, account_output& out) -> async::task<void> {
        co_await summarize_folder(imap, out, folder, piece);
    };
}

}  // namespace uvimap::app
