// summary over a folder bigger than one piece: the same lines as one FETCH
// of the whole folder, from several FETCH commands by sequence number, with
// the follow-ups of each piece sent as soon as it is done.

#include <doctest/doctest.h>

#include <algorithm>

#include "client/client_test_helpers.hpp"
#include "scripted_imap.hpp"
#include "summary_command.hpp"
#include "support/test_loop.hpp"

using namespace uvimap;

namespace {

// Collects what an operation prints, as text.
class collected_output : public app::account_output {
public:
    void line(std::string_view text) override { lines.emplace_back(text); }
    app::json_writer* json() override { return nullptr; }
    std::vector<std::string> lines;
};

struct summary_run {
    std::vector<std::string> lines;
    std::vector<std::string> commands;  // what the client sent
};

summary_run summarize_big_folder(const test::dovecot_fixture& dovecot, std::uint32_t piece) {
    const tls::client_context context(test::trust_only(dovecot.ca_file));
    summary_run run;
    std::vector<std::string> trace;
    test::test_loop loop;
    auto body = [&]() -> async::task<void> {
        client::client imap = co_await test::logged_in(
            loop, test::traced_options(dovecot, context, trace), "big", "pw-big");
        collected_output out;
        co_await app::summary_operation("INBOX", piece)(imap, out);
        co_await imap.logout();
        run.lines = std::move(out.lines);
    };
    loop.run(body(), test::server_watchdog);
    for (const std::string& line : trace) {
        if (line.starts_with("C: ")) {
            run.commands.push_back(line.substr(3));
        }
    }
    return run;
}

// `* SEQUENCE FETCH` with UID SEQUENCE + 100, a From of "Sender
// SEQUENCE", and the text `text`, as Dovecot answers summary's FETCH.
std::string fetched(int sequence, const std::string& text) {
    const std::string n = std::to_string(sequence);
    return "* " + n + " FETCH (UID " + std::to_string(sequence + 100) +
           " ENVELOPE (NIL \"s\" ((\"Sender " + n +
           "\" NIL \"s\" \"example.org\")) NIL NIL NIL NIL NIL NIL NIL) BODYSTRUCTURE (\"text\" "
           "\"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" " +
           std::to_string(text.size()) + " 1 NIL NIL NIL NIL) BODY[1]<0> {" +
           std::to_string(text.size()) + "}\r\n" + text + ")\r\n";
}

// Runs summary in pieces of 3 over a scripted folder of `exists` messages
// whose server answers every command after EXAMINE with `answer`.
std::vector<std::string> summarize_scripted(int exists, const test::imap_answer& answer) {
    test::thread_server server([&](test::scripted_peer& peer) {
        test::serve_imap(
            peer, test::plain_greeting,
            [&](const std::string& tag, const std::string& command) -> std::optional<std::string> {
                if (command.starts_with("EXAMINE ")) {
                    return "* " + std::to_string(exists) +
                           " EXISTS\r\n* OK [UIDVALIDITY 1] Ok\r\n" + tag +
                           " OK [READ-ONLY] Examined\r\n";
                }
                return answer(tag, command);
            });
    });
    test::test_loop loop;
    collected_output out;
    auto body = [&]() -> async::task<void> {
        client::client imap =
            co_await test::logged_in(loop, test::plain_options(server.port()), "alice", "pw");
        std::exception_ptr failure;
        try {
            co_await app::summary_operation("INBOX", 3)(imap, out);
        } catch (...) {
            failure = std::current_exception();
        }
        co_await imap.logout();
        if (failure) {
            std::rethrow_exception(failure);
        }
    };
    loop.run(body(), test::server_watchdog);
    return out.lines;
}

// The same over 7 messages, the server holding back its answer to
// `FETCH 1:3` until `FETCH 4:6` is read, then answering both with
// `interleaved(tag of 1:3, tag of 4:6)`.
std::vector<std::string> summarize_interleaved(
    const std::function<std::string(const std::string&, const std::string&)>& interleaved) {
    std::string first_tag;
    return summarize_scripted(
        7, [&](const std::string& tag, const std::string& command) -> std::optional<std::string> {
            if (command.starts_with("FETCH 1:3 ")) {
                first_tag = tag;
                return "";
            }
            if (command.starts_with("FETCH 4:6 ")) {
                return interleaved(first_tag, tag);
            }
            if (command.starts_with("FETCH 7:* ")) {
                return fetched(7, "seventh") + tag + " OK Fetched\r\n";
            }
            return std::nullopt;
        });
}

std::size_t count_containing(const std::vector<std::string>& lines, std::string_view part) {
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [&](const auto& l) {
        return l.find(part) != std::string::npos;
    }));
}

}  // namespace

TEST_SUITE("uvimap: summary of a big folder") {
    TEST_CASE("in pieces: the same lines as one FETCH, with follow-ups after each piece") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const std::optional<int> messages = test::big_folder(dovecot);
        if (!messages) {
            return;
        }
        const summary_run whole =
            summarize_big_folder(dovecot, static_cast<std::uint32_t>(*messages));
        const summary_run pieces = summarize_big_folder(dovecot, 300);
        CHECK(whole.lines.size() == 2 * static_cast<std::size_t>(*messages));
        CHECK(pieces.lines == whole.lines);
        const auto [in_whole, in_pieces] = std::mismatch(whole.lines.begin(), whole.lines.end(),
                                                         pieces.lines.begin(), pieces.lines.end());
        if (in_whole != whole.lines.end() || in_pieces != pieces.lines.end()) {
            MESSAGE("first difference at line "
                    << (in_whole - whole.lines.begin()) << ": "
                    << (in_whole != whole.lines.end() ? *in_whole : "") << " | "
                    << (in_pieces != pieces.lines.end() ? *in_pieces : ""));
        }

        CHECK(count_containing(whole.commands, " UID FETCH 1:* (UID ENVELOPE BODYSTRUCTURE") == 1);
        const std::size_t piece_count = (static_cast<std::size_t>(*messages) + 299) / 300;
        CHECK(count_containing(pieces.commands, " FETCH ") -
                  count_containing(pieces.commands, " UID FETCH ") ==
              piece_count);
        CHECK(count_containing(pieces.commands, " FETCH 1:300 (UID ENVELOPE") == 1);
        const std::string last_piece =
            " FETCH " + std::to_string((piece_count - 1) * 300 + 1) + ":* ";
        CHECK(count_containing(pieces.commands, last_piece) == 1);
        // The same follow-ups, and the first of them sent before the last piece.
        const std::size_t follow_ups = count_containing(whole.commands, "BODY.PEEK[1]<0.4096>");
        REQUIRE(follow_ups > 0);
        CHECK(count_containing(pieces.commands, "BODY.PEEK[1]<0.4096>") == follow_ups);
        const auto first_follow_up = std::find_if(
            pieces.commands.begin(), pieces.commands.end(),
            [](const std::string& c) { return c.find("<0.4096>") != std::string::npos; });
        const auto last_fetch = std::find_if(
            pieces.commands.begin(), pieces.commands.end(),
            [&](const std::string& c) { return c.find(last_piece) != std::string::npos; });
        CHECK(first_follow_up < last_fetch);
    }

    TEST_CASE("pieces answered out of order, twice or not at all: folder order, nothing lost") {
        // Dovecot runs pipelined FETCH commands in parallel: when the client
        // reads slowly, a later piece's messages come between an earlier
        // piece's.
        const std::vector<std::string> lines =
            summarize_interleaved([](const std::string& tag1, const std::string& tag2) {
                return fetched(4, "fourth") + fetched(1, "first") + fetched(5, "fifth") +
                       fetched(2, "second") + fetched(6, "sixth") + tag2 + " OK Fetched\r\n" +
                       fetched(2, "second again") + tag1 + " OK Fetched\r\n";
            });
        // Message 3 never came: the others print without it once its
        // piece is answered. Message 2's second answer follows its first.
        std::string printed;
        for (const std::string& line : lines) {
            printed += line + "\n";
        }
        CHECK(printed ==
              "101 Sender 1 <s@example.org>\n   first ...\n"
              "102 Sender 2 <s@example.org>\n   second ...\n"
              "102 Sender 2 <s@example.org>\n   second again ...\n"
              "104 Sender 4 <s@example.org>\n   fourth ...\n"
              "105 Sender 5 <s@example.org>\n   fifth ...\n"
              "106 Sender 6 <s@example.org>\n   sixth ...\n"
              "107 Sender 7 <s@example.org>\n   seventh ...\n");
    }

    TEST_CASE(
        "a server that keeps sending messages ahead of a missing one is cut off, memory bounded") {
        // Two messages, so one UID FETCH 1:*: message 1 never comes, message
        // 2 comes again and again. Summary keeps at most four pieces' worth
        // (12 here) waiting, then fails the fetch.
        std::string many_of_two;
        for (int i = 0; i < 50; ++i) {
            many_of_two += fetched(2, "again");
        }
        CHECK_THROWS_WITH_AS(
            summarize_scripted(2,
                               [&](const std::string& tag,
                                   const std::string& command) -> std::optional<std::string> {
                                   if (command.starts_with("UID FETCH 1:* ")) {
                                       return many_of_two + tag + " OK Fetched\r\n";
                                   }
                                   return std::nullopt;
                               }),
            "12 of the server's FETCH answers are waiting for an earlier message it has not sent",
            uvimap::error);
    }
}
