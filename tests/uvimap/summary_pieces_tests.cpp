// summary over a folder bigger than one piece: the same lines as one FETCH
// of the whole folder, from several FETCH commands by sequence number, with
// the follow-ups of each piece sent as soon as it is done.

#include <doctest/doctest.h>

#include <algorithm>

#include "client/client_test_helpers.hpp"
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
}
