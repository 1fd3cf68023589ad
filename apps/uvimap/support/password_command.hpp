// --password-command 'CMD': asks a program for each account's password,
// without blocking the loop.
//
// The command runs as `/bin/sh -c CMD`, once per call, with the account in
// its environment (on top of uvimap's own):
//   UVIMAP_ACCOUNT_URL   the canonical URL, e.g. imaps://alice@imap.example.com
//   UVIMAP_ACCOUNT_USER  the user name, percent-decoded
//   UVIMAP_ACCOUNT_HOST  the host (an IPv6 address without brackets)
//   UVIMAP_ACCOUNT_PORT  the port, in decimal
// so that one command serves every account, e.g.
//   --password-command 'pass show "mail/$UVIMAP_ACCOUNT_USER@$UVIMAP_ACCOUNT_HOST"'
// Standard input is /dev/null; standard error is uvimap's, so the command's
// complaints reach the user. The password is the first line of standard
// output without its line end (LF or CRLF); the rest is read and dropped,
// which suits `pass`, whose later lines hold notes.
//
// Errors (uvimap::error; never carrying the output, which may hold the
// password): app::errc::password_command_not_started, _failed (non-zero
// exit status), _killed (a signal), _no_output (empty first line),
// _output_too_long (more than max_output bytes: the command is killed),
// _timed_out (the command is killed).
//
// Cancellation: cancelling the awaiting task kills the command (SIGKILL:
// a password helper has nothing to save), waits until it has been reaped
// and its handles are closed, and fails with async::errc::cancelled.
//
// Processes the command leaves behind are not waited for or killed: one
// that keeps the command's standard output open delays the result until
// it closes it or the timeout strikes, so a command must not leave
// background jobs writing there.
#pragma once

#include <uv.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "account_url.hpp"
#include "uvimap/async/task.hpp"
#include "uvimap/wire/secret.hpp"

namespace uvimap::app {

struct password_command_options {
    // How long the command may take, counted from its start.
    std::chrono::milliseconds timeout{60'000};
    // The most standard output read before the command counts as broken.
    std::size_t max_output = 64 * 1024;
};

// Runs `command` for `account` on `loop` and yields the password.
async::task<wire::secret> run_password_command(uv_loop_t* loop, std::string command,
                                               account account,
                                               password_command_options options = {});

}  // namespace uvimap::app
