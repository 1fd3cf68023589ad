#pragma once
// Drives a session with scripted server bytes and records what it sends and
// reports: every session test is "these bytes in, these bytes and events out".

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/session/session.hpp"

namespace uvimap::test {

struct session_harness {
    explicit session_harness(session::session_options options = {},
                             std::string_view greeting =
                                 "* OK [CAPABILITY IMAP4rev1 LITERAL+ "
                                 "SASL-IR AUTH=PLAIN] ready\r\n")
        : s(with_trace(std::move(options), trace)) {
        if (!greeting.empty()) {
            server(greeting);
            events.clear();
        }
    }

    // Bytes from the server; the events they cause are appended to `events`.
    void server(std::string_view bytes) {
        s.feed(bytes);
        drain();
    }
    void drain() {
        while (auto e = s.next_event()) {
            events.push_back(std::move(*e));
        }
    }
    // What the session sends now.
    std::string client() { return s.take_output(); }

    // The events of type E so far.
    template <class E>
    std::vector<E> all() const {
        std::vector<E> out;
        for (const session::event& e : events) {
            if (const E* typed = std::get_if<E>(&e)) {
                out.push_back(*typed);
            }
        }
        return out;
    }
    // The completion of command `id`; fails the test if there is none.
    session::command_result result(session::command_id id) {
        drain();
        for (const auto& done : all<session::completed_event>()) {
            if (done.id == id) {
                return done.result;
            }
        }
        FAIL("command " << id << " has not completed");
        return {};
    }
    bool completed(session::command_id id) {
        drain();
        for (const auto& done : all<session::completed_event>()) {
            if (done.id == id) {
                return true;
            }
        }
        return false;
    }

    std::vector<std::string> trace;
    session::session s;

private:
    static session::session_options with_trace(session::session_options options,
                                               std::vector<std::string>& lines) {
        options.trace = [&lines](const session::trace_line& line) {
            lines.push_back((line.from == session::trace_line::direction::client ? "C: " : "S: ") +
                            std::string(line.text));
        };
        return options;
    }

public:
    std::vector<session::event> events;
};

// `UID FETCH 1:*` of the given simple items.
inline wire::fetch_command uid_fetch_all(std::initializer_list<wire::fetch_att_kind> kinds) {
    wire::fetch_command fetch;
    fetch.uid = true;
    fetch.set = wire::sequence_set::all();
    for (const wire::fetch_att_kind kind : kinds) {
        fetch.items.push_back(wire::fetch_att::simple(kind));
    }
    return fetch;
}

}  // namespace uvimap::test
