// The client's commands: each builds a wire::command, runs it through the
// connection and turns the result into a value or an exception.
//
// Every coroutine here holds the connection by shared_ptr and never touches
// the client object after its first suspension, so a client destroyed while
// calls wait leaves them memory to fail in. Commands are built as named
// variables before co_await: g++ 12 destroys an aggregate temporary inside
// a co_await expression twice (docs/embedding.md, "g++ 12").

#include <algorithm>

#include "connection.hpp"
#include "uvimap/async/when_all.hpp"

namespace uvimap::client {

namespace {

using connection_ptr = std::shared_ptr<detail::connection>;

// Runs `cmd`, throws unless the server said OK, and returns the result.
async::task<session::command_result> checked(connection_ptr c, wire::command cmd, std::string name,
                                             message_handler on_message = {}) {
    session::command_options options;
    session::command_result result =
        co_await c->run(std::move(cmd), std::move(options), std::move(on_message));
    if (std::exception_ptr failure = c->failure_of(result, name, false)) {
        std::rethrow_exception(failure);
    }
    co_return result;
}

// The data a command collected, of the type it collects.
template <class T>
T take(session::command_result& result) {
    if (T* data = std::get_if<T>(&result.data)) {
        return std::move(*data);
    }
    return T{};
}

async::task<session::mailbox_status> status_of(connection_ptr c, std::string mailbox,
                                               std::vector<wire::status_attr> items) {
    std::string name = mailbox;
    wire::command command = wire::status_command{std::move(mailbox), std::move(items)};
    session::command_result result = co_await checked(c, std::move(command), "STATUS");
    session::mailbox_status status = take<session::mailbox_status>(result);
    if (status.mailbox.empty()) {
        status.mailbox = std::move(name);  // a server that answered OK without STATUS data
    }
    co_return status;
}

async::task<session::command_result> simple(connection_ptr c, wire::command command,
                                            std::string name) {
    co_return co_await checked(std::move(c), std::move(command), std::move(name));
}

}  // namespace

namespace detail {

async::task<wire::capability_set> capabilities_of(std::shared_ptr<connection> c) {
    // The session may be asking already (after STARTTLS or LOGIN).
    while (!c->protocol.capabilities_known() && c->protocol.capabilities_requested()) {
        c->capabilities_changed.reset();
        co_await c->capabilities_changed.wait();
        c->check_open();
    }
    if (!c->protocol.capabilities_known()) {
        wire::command command = wire::capability_command{};
        session::command_result result = co_await checked(c, std::move(command), "CAPABILITY");
        if (auto* caps = std::get_if<wire::capability_set>(&result.data)) {
            co_return *caps;
        }
    }
    co_return c->protocol.capabilities();
}

}  // namespace detail

std::shared_ptr<detail::connection> client::shared() const {
    conn();  // throws for a moved-from client
    return m_connection;
}

async::task<wire::capability_set> client::capabilities() {
    return detail::capabilities_of(shared());
}

async::task<session::id_fields> client::id(session::id_fields ours) {
    wire::id_command command;
    if (!ours.empty()) {
        command.fields.emplace();
        for (auto& [name, value] : ours) {
            command.fields->emplace_back(std::move(name), std::move(value));
        }
    }
    session::command_result result = co_await simple(shared(), std::move(command), "ID");
    co_return take<session::id_fields>(result);
}

async::task<std::vector<std::string>> client::enable(std::vector<std::string> extensions) {
    wire::command command = wire::enable_command{std::move(extensions)};
    session::command_result result = co_await simple(shared(), std::move(command), "ENABLE");
    co_return take<std::vector<std::string>>(result);
}

async::task<session::namespaces> client::namespaces() {
    wire::command command = wire::namespace_command{};
    session::command_result result = co_await simple(shared(), std::move(command), "NAMESPACE");
    co_return take<session::namespaces>(result);
}

async::task<std::vector<session::mailbox_entry>> client::list(std::string reference,
                                                              std::string pattern,
                                                              list_options how) {
    const connection_ptr c = shared();
    const wire::capability_set caps = co_await detail::capabilities_of(c);
    wire::list_command command;
    command.reference = std::move(reference);
    command.patterns = {std::move(pattern)};
    if (how.subscribed_only) {
        command.selection_options.push_back("SUBSCRIBED");
    }
    command.return_special_use = how.special_use && caps.has("SPECIAL-USE");
    const bool list_status = !how.status.empty() && caps.has("LIST-STATUS");
    if (list_status) {
        command.return_status = how.status;
    }
    session::command_result result = co_await simple(c, std::move(command), "LIST");
    std::vector<session::mailbox_entry> entries = take<std::vector<session::mailbox_entry>>(result);
    if (how.status.empty() || list_status) {
        co_return entries;
    }
    // Without LIST-STATUS: one STATUS per selectable mailbox, all pipelined.
    std::vector<async::task<session::mailbox_status>> asks;
    std::vector<std::size_t> asked;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!entries[i].has_flag("\\Noselect") && !entries[i].has_flag("\\NonExistent")) {
            asks.push_back(status_of(c, entries[i].name, how.status));
            asked.push_back(i);
        }
    }
    std::vector<session::mailbox_status> statuses = co_await async::when_all(std::move(asks));
    for (std::size_t i = 0; i < asked.size(); ++i) {
        entries[asked[i]].status = std::move(statuses[i]);
    }
    co_return entries;
}

async::task<session::selected_mailbox> client::select(std::string mailbox) {
    wire::command command = wire::select_command{std::move(mailbox), false, false, std::nullopt};
    session::command_result result = co_await simple(shared(), std::move(command), "SELECT");
    co_return take<session::selected_mailbox>(result);
}

async::task<session::selected_mailbox> client::examine(std::string mailbox) {
    wire::command command = wire::select_command{std::move(mailbox), true, false, std::nullopt};
    session::command_result result = co_await simple(shared(), std::move(command), "EXAMINE");
    co_return take<session::selected_mailbox>(result);
}

async::task<session::mailbox_status> client::status(std::string mailbox,
                                                    std::vector<wire::status_attr> items) {
    return status_of(shared(), std::move(mailbox), std::move(items));
}

async::task<void> client::close_mailbox() {
    wire::command command = wire::close_command{};
    co_await simple(shared(), std::move(command), "CLOSE");
}

async::task<void> client::unselect() {
    const connection_ptr c = shared();
    const wire::capability_set caps = co_await detail::capabilities_of(c);
    const bool has_unselect = caps.has("UNSELECT") || caps.has("IMAP4rev2");
    // Without UNSELECT, CLOSE is the only way out (RFC 3691 notes); it
    // expunges only in a mailbox opened read-write.
    wire::command command = has_unselect ? wire::command(wire::unselect_command{})
                                         : wire::command(wire::close_command{});
    co_await simple(c, std::move(command), has_unselect ? "UNSELECT" : "CLOSE");
}

async::task<session::search_result> client::search(std::vector<wire::search_key> criteria,
                                                   search_options how) {
    wire::search_command search;
    search.uid = how.uid;
    search.charset = std::move(how.charset);
    search.criteria = std::move(criteria);
    if (!how.returns.empty()) {
        search.return_options = std::move(how.returns);
    }
    wire::command command = std::move(search);
    session::command_result result =
        co_await simple(shared(), std::move(command), how.uid ? "UID SEARCH" : "SEARCH");
    co_return take<session::search_result>(result);
}

async::task<std::uint64_t> client::fetch(wire::sequence_set set, std::vector<wire::fetch_att> items,
                                         message_handler on_message, fetch_options how) {
    wire::fetch_command fetch;
    fetch.uid = how.uid;
    fetch.set = std::move(set);
    fetch.items = std::move(items);
    fetch.changed_since = how.changed_since;
    fetch.vanished = how.vanished;
    wire::command command = std::move(fetch);
    session::command_result result = co_await checked(
        shared(), std::move(command), how.uid ? "UID FETCH" : "FETCH", std::move(on_message));
    co_return result.fetched;
}

async::task<void> client::noop() {
    wire::command command = wire::noop_command{};
    co_await simple(shared(), std::move(command), "NOOP");
}

async::task<void> client::logout() {
    const connection_ptr c = shared();
    std::exception_ptr failure;
    try {
        wire::command command = wire::logout_command{};
        co_await simple(c, std::move(command), "LOGOUT");
    } catch (...) {
        failure = std::current_exception();
    }
    co_await detail::close_connection(c);
    if (failure) {
        std::rethrow_exception(failure);
    }
}

}  // namespace uvimap::client
