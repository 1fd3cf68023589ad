// Running one subcommand over one account or thousands: connecting and
// logging in, passwords, the concurrency and per-host limits, retries,
// --shard, the progress line, and output that keeps each account's block
// together. The subcommands only say what to do once logged in.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "cli_options.hpp"
#include "json_writer.hpp"
#include "uvimap/async/task.hpp"
#include "uvimap/client/client.hpp"

namespace uvimap::app {

// Where one account's results go.
class account_output {
public:
    virtual ~account_output() = default;
    // Text output: one line, without its newline. Server text in it must be
    // sanitised already (sanitize_for_terminal). With one account it is
    // printed at once; with many, the account's lines are printed together
    // when it is done.
    virtual void line(std::string_view text) = 0;
    // JSON output (--json): the writer for the account's "data" value, or
    // null in text mode.
    virtual json_writer* json() = 0;
};

using account_operation =
    std::function<async::task<void>(client::client& imap, account_output& out)>;

// Runs `operation` for every account the options name and returns the exit
// status: 0 when every account succeeded, 1 when any failed, 2 for a usage
// error (bad options, an unreadable accounts file or netrc).
int run_job(const cli_options& options, const account_operation& operation);

}  // namespace uvimap::app
