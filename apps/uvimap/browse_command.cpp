#include "browse_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "browse_view.hpp"
#include "line_input.hpp"
#include "python_repr.hpp"
#include "support/ascii.hpp"
#include "support/terminal_text.hpp"

namespace uvimap::app {

namespace {

const std::string banner(72, '-');

std::string trimmed(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

// Only a lone "q": a folder may well be called "quotes".
bool is_quit(const std::string& reply) {
    return reply == "q" || reply == "Q";
}

// What the user typed, quoted (and made safe) for an error message.
std::string shown(std::string_view user_text) {
    return python_repr(user_text);
}

class browser {
public:
    browser(client::client& imap, account_output& out)
        : m_imap(imap), m_out(out), m_input(STDIN_FILENO), m_echo(isatty(STDIN_FILENO) == 0) {}

    // The folder list, until "q" or the end of the input.
    async::task<void> run() {
        client::list_options how;
        how.special_use = false;  // the flags as LIST gives them, as in `uvimap list`
        for (;;) {
            std::vector<session::mailbox_entry> boxes = co_await m_imap.list("", "*", how);
            std::sort(boxes.begin(), boxes.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
            m_out.line("");
            for (const session::mailbox_entry& box : boxes) {
                m_out.line(folder_line(box));
            }
            m_out.line("");
            const std::optional<std::string> reply = ask("Type a folder name, or \"q\" to quit: ");
            if (!reply || is_quit(*reply)) {
                co_return;
            }
            if (reply->empty()) {
                continue;
            }
            const session::mailbox_entry* chosen = find_folder(boxes, *reply);
            if (chosen == nullptr) {
                m_out.line("Error: no folder named " + shown(*reply));
                continue;
            }
            const bool go_on = co_await explore_folder(chosen->name);
            if (!go_on) {
                co_return;
            }
        }
    }

private:
    // Prints the prompt and reads the reply, trimmed; nullopt when the input
    // has ended.
    std::optional<std::string> ask(std::string_view prompt) {
        std::fwrite(prompt.data(), 1, prompt.size(), stdout);
        std::fflush(stdout);
        std::optional<std::string> line = m_input.next_line();
        // The loop stood still while the user typed: its clock must catch up
        // before the next command starts its deadline.
        uv_update_time(m_imap.loop());
        if (!line) {
            m_out.line("");
            return std::nullopt;
        }
        if (m_echo) {  // a transcript of scripted input reads like a session
            m_out.line(sanitize_for_terminal(*line));
        }
        return trimmed(*line);
    }

    static const session::mailbox_entry* find_folder(
        const std::vector<session::mailbox_entry>& boxes, const std::string& name) {
        for (const session::mailbox_entry& box : boxes) {
            if (box.name == name) {
                return &box;
            }
        }
        // INBOX is INBOX in any case (RFC 3501 §5.1).
        for (const session::mailbox_entry& box : boxes) {
            if (box.name == "INBOX" && ascii_iequals(name, "INBOX")) {
                return &box;
            }
        }
        return nullptr;
    }

    // A folder, opened read-only, until "q"; false when the input ended.
    async::task<bool> explore_folder(const std::string& name) {
        std::optional<std::string> refusal;
        try {
            co_await m_imap.examine(name);
        } catch (const client::command_error& e) {
            refusal = e.server_text();
        }
        if (refusal) {
            m_out.line("Error: cannot open " + shown(name) + ": " +
                       sanitize_for_terminal(*refusal));
            co_return true;
        }
        bool input_left = true;
        for (;;) {
            const std::vector<std::uint32_t> uids = co_await list_messages();
            const std::optional<std::string> reply = ask(fmt::format(
                "Folder {} - type a message UID, or \"q\" to quit: ", sanitize_for_terminal(name)));
            if (!reply) {
                input_left = false;
                break;
            }
            if (is_quit(*reply)) {
                break;
            }
            std::uint32_t uid = 0;
            const auto [end, ec] =
                std::from_chars(reply->data(), reply->data() + reply->size(), uid);
            if (reply->empty() || ec != std::errc() || end != reply->data() + reply->size()) {
                m_out.line("Please type a message UID or \"q\" to quit");
                continue;
            }
            if (!std::binary_search(uids.begin(), uids.end(), uid)) {
                m_out.line(fmt::format("Error: no message with UID {} in this folder", uid));
                continue;
            }
            const bool go_on = co_await explore_message(uid);
            if (!go_on) {
                input_left = false;
                break;
            }
        }
        co_await m_imap.unselect();
        co_return input_left;
    }

    // Prints the folder's messages as they arrive; returns their UIDs, sorted.
    async::task<std::vector<std::uint32_t>> list_messages() {
        std::vector<std::uint32_t> uids;
        m_out.line("");
        if (m_imap.mailbox().exists() == 0) {
            m_out.line("(no messages)");
        } else {
            std::vector<wire::fetch_att> items;
            items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::uid));
            items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::internaldate));
            items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::rfc822_size));
            items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::flags));
            items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::envelope));
            co_await m_imap.fetch(wire::sequence_set::all(), std::move(items),
                                  [&](session::fetch_message&& m) {
                                      if (m.uid) {
                                          uids.push_back(*m.uid);
                                      }
                                      for (const std::string& line : message_lines(m, m_cv)) {
                                          m_out.line(line);
                                      }
                                  });
        }
        m_out.line("");
        std::sort(uids.begin(), uids.end());
        co_return uids;
    }

    // A message's flags and parts, until "q"; false when the input ended.
    async::task<bool> explore_message(std::uint32_t uid) {
        std::optional<session::fetch_message> message;
        std::vector<wire::fetch_att> items;
        items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::flags));
        items.push_back(wire::fetch_att::simple(wire::fetch_att_kind::bodystructure));
        co_await m_imap.fetch(wire::sequence_set::single(uid), std::move(items),
                              [&](session::fetch_message&& m) { message = std::move(m); });
        if (!message || !message->structure) {
            m_out.line(fmt::format("Error: message {} is no longer there", uid));
            co_return true;
        }
        const session::body_structure& structure = *message->structure;
        for (;;) {
            const std::vector<std::string> flags =
                message->flags.value_or(std::vector<std::string>{});
            m_out.line("");
            m_out.line("Flags: " + (flags.empty() ? std::string("none") : sanitized_words(flags)));
            m_out.line("Structure:");
            for (const std::string& line : structure_lines(structure, m_cv)) {
                m_out.line(line);
            }
            m_out.line("");
            const std::optional<std::string> reply =
                ask(fmt::format("Message {} - type a part name, or \"q\" to quit: ", uid));
            if (!reply) {
                co_return false;
            }
            if (is_quit(*reply)) {
                co_return true;
            }
            m_out.line("");
            const std::optional<wire::section_spec> section = parse_part_name(*reply);
            if (!section) {
                m_out.line("Error: no part named " + shown(*reply) +
                           " (HEADER, TEXT, or a number like 1 or 2.1)");
                continue;
            }
            co_await show_part(uid, structure, *section, *reply);
        }
    }

    async::task<void> show_part(std::uint32_t uid, const session::body_structure& structure,
                                const wire::section_spec& section, const std::string& name) {
        const part_plan plan = plan_part(structure, section);
        if (!plan.fetch) {
            m_out.line(plan.note);
            co_return;
        }
        // One byte more than is shown tells whether there was more.
        std::vector<wire::fetch_att> items;
        items.push_back(wire::fetch_att::body_section(section, true,
                                                      wire::partial_range{0, max_shown_bytes + 1}));
        std::optional<std::string> bytes;
        std::optional<std::string> refusal;
        try {
            co_await m_imap.fetch(wire::sequence_set::single(uid), std::move(items),
                                  [&](session::fetch_message&& m) {
                                      if (!m.sections.empty()) {
                                          bytes = std::move(m.sections.front().data);
                                      }
                                  });
        } catch (const client::command_error& e) {
            refusal = e.server_text();
        }
        if (refusal) {
            m_out.line("Error - cannot fetch section " + shown(name) + ": " +
                       sanitize_for_terminal(*refusal));
            co_return;
        }
        if (!bytes) {
            m_out.line("(No such section)");
            co_return;
        }
        if (bytes->empty()) {
            m_out.line("(empty)");
            co_return;
        }
        const bool truncated = bytes->size() > max_shown_bytes;
        if (truncated) {
            bytes->resize(max_shown_bytes);
        }
        m_out.line(banner);
        for (const std::string& line : content_lines(*bytes, plan, truncated, m_cv)) {
            m_out.line(line);
        }
        if (truncated) {
            m_out.line(
                fmt::format("[cut here: only the first {} bytes are shown]", max_shown_bytes));
        }
        m_out.line(banner);
    }

    client::client& m_imap;
    account_output& m_out;
    line_input m_input;
    bool m_echo;
    mime::charset_converter m_cv;
};

}  // namespace

account_operation browse_operation() {
    return [](client::client& imap, account_output& out) -> async::task<void> {
        auto session = std::make_unique<browser>(imap, out);
        co_await session->run();
    };
}

}  // namespace uvimap::app
