#include "status_command.hpp"

#include <map>

#include "python_repr.hpp"
#include "support/terminal_text.hpp"

namespace uvimap::app {

namespace {

// The other codes of the answer, each with its arguments in order.
std::map<std::string, std::vector<std::string>> codes_by_name(
    const session::selected_mailbox& box) {
    std::map<std::string, std::vector<std::string>> codes;
    for (const auto& [name, args] : box.other_codes) {
        codes[name].push_back(args);
    }
    return codes;
}

// The chapter's lines, keyed and so sorted as it prints them.
std::map<std::string, std::string> chapter_items(const session::selected_mailbox& box) {
    std::map<std::string, std::string> items;
    items["EXISTS"] = std::to_string(box.exists);
    items["RECENT"] = std::to_string(box.recent);
    items["FLAGS"] = python_tuple(box.flags);
    if (box.permanent_flags) {
        items["PERMANENTFLAGS"] = python_tuple(*box.permanent_flags);
    }
    if (box.uidvalidity) {
        items["UIDVALIDITY"] = std::to_string(*box.uidvalidity);
    }
    if (box.uidnext) {
        items["UIDNEXT"] = std::to_string(*box.uidnext);
    }
    // imapclient keeps the codes it does not interpret as the list of their
    // arguments, as strings: UNSEEN 1 is ['1'], READ-ONLY is [''].
    if (box.unseen) {
        items["UNSEEN"] = python_list({std::to_string(*box.unseen)});
    }
    if (box.highest_modseq) {
        items["HIGHESTMODSEQ"] = std::to_string(*box.highest_modseq);
    }
    if (box.no_modseq) {
        items["NOMODSEQ"] = python_list({""});
    }
    items[box.read_only ? "READ-ONLY" : "READ-WRITE"] = python_list({""});
    // Codes nobody interprets (Cyrus's MAILBOXID, Courier's MYRIGHTS) are
    // kept as imaplib keeps them: the list of their argument texts.
    for (const auto& [name, args] : codes_by_name(box)) {
        items.try_emplace(sanitize_for_terminal(name), python_list(args));
    }
    return items;
}

template <class T>
void optional_number(json_writer& w, std::string_view key, const std::optional<T>& value) {
    w.key(key);
    if (value) {
        w.unsigned_number(*value);
    } else {
        w.null();
    }
}

void strings(json_writer& w, const std::vector<std::string>& values) {
    w.begin_array();
    for (const std::string& value : values) {
        w.string(value);
    }
    w.end_array();
}

void write_json(json_writer& w, const std::string& folder, const session::selected_mailbox& box) {
    w.begin_object();
    w.key("folder");
    w.string(folder);
    w.key("exists");
    w.unsigned_number(box.exists);
    w.key("recent");
    w.unsigned_number(box.recent);
    w.key("flags");
    strings(w, box.flags);
    w.key("permanent_flags");
    if (box.permanent_flags) {
        strings(w, *box.permanent_flags);
    } else {
        w.null();
    }
    optional_number(w, "uidvalidity", box.uidvalidity);
    optional_number(w, "uidnext", box.uidnext);
    optional_number(w, "unseen", box.unseen);
    optional_number(w, "highest_modseq", box.highest_modseq);
    w.key("no_modseq");
    w.boolean(box.no_modseq);
    w.key("read_only");
    w.boolean(box.read_only);
    w.key("other_codes");
    w.begin_object();
    for (const auto& [name, args] : codes_by_name(box)) {
        w.key(name);
        strings(w, args);
    }
    w.end_object();
    w.end_object();
}

}  // namespace

account_operation status_operation(std::string folder) {
    return [folder](client::client& imap, account_output& out) -> async::task<void> {
        const session::selected_mailbox box = co_await imap.examine(folder);
        if (json_writer* w = out.json()) {
            write_json(*w, folder, box);
            co_return;
        }
        for (const auto& [key, value] : chapter_items(box)) {
            out.line(key + ": " + value);
        }
    };
}

}  // namespace uvimap::app
