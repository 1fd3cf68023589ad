#include "list_command.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "python_repr.hpp"
#include "support/terminal_text.hpp"

namespace uvimap::app {

namespace {

// imapclient, which the chapter uses, upper-cases capability names.
std::vector<std::string> upper_cased(const std::vector<std::string>& atoms) {
    std::vector<std::string> out = atoms;
    for (std::string& atom : out) {
        std::transform(atom.begin(), atom.end(), atom.begin(),
                       [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    }
    return out;
}

void write_json(json_writer& w, const wire::capability_set& caps,
                const std::vector<session::mailbox_entry>& boxes) {
    w.begin_object();
    w.key("capabilities");
    w.begin_array();
    for (const std::string& atom : caps.atoms()) {
        w.string(atom);
    }
    w.end_array();
    w.key("mailboxes");
    w.begin_array();
    for (const session::mailbox_entry& box : boxes) {
        w.begin_object();
        w.key("name");
        w.string(box.name);
        w.key("flags");
        w.begin_array();
        for (const std::string& flag : box.flags) {
            w.string(flag);
        }
        w.end_array();
        w.key("delimiter");
        if (box.delimiter.empty()) {
            w.null();
        } else {
            w.string(box.delimiter);
        }
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

async::task<void> list_mailboxes(client::client& imap, account_output& out) {
    const wire::capability_set caps = co_await imap.capabilities();
    client::list_options how;
    how.special_use = false;  // the chapter shows the flags LIST gives
    const std::vector<session::mailbox_entry> boxes = co_await imap.list("", "*", how);
    if (json_writer* w = out.json()) {
        write_json(*w, caps, boxes);
        co_return;
    }
    out.line("Capabilities: " + python_tuple(upper_cased(caps.atoms())));
    out.line("Listing mailboxes:");
    for (const session::mailbox_entry& box : boxes) {
        out.line(fmt::format("  {:<30}{} {}", sanitized_words(box.flags),
                             sanitize_for_terminal(box.delimiter.empty() ? "NIL" : box.delimiter),
                             sanitize_for_terminal(box.name)));
    }
}

}  // namespace

account_operation list_operation() {
    return list_mailboxes;
}

}  // namespace uvimap::app
