// The password from standard input, for a single account: what the
// chapter's scripts do with getpass(), and what makes
// `echo abc123 | uvimap summary HOST USER FOLDER` work.
//
// From a terminal: a prompt goes to standard error, echo is turned off
// while the line is typed (and restored afterwards, also when SIGINT,
// SIGTERM, SIGHUP or SIGQUIT arrives meanwhile: the handler restores the
// terminal, then the signal does what it would have done), and a newline
// follows on standard error. From anything else (a pipe, a file): no prompt,
// the first line is read.
//
// This blocks: call it before the loop runs, as the CLI does for its one
// account. It reads byte by byte, so nothing after the first line is taken
// from the input.
#pragma once

#include <string_view>

#include "uvimap/wire/expected.hpp"
#include "uvimap/wire/secret.hpp"

namespace uvimap::app {

// Reads one line from `input`: the password without its LF or CRLF.
// `prompt` goes to `prompt_output` when `input` is a terminal. Fails with a
// message when the input ends before any character, the line is empty,
// longer than 4096 bytes, or cannot be read.
wire::expected<wire::secret, std::string> read_password_line(int input, int prompt_output,
                                                             std::string_view prompt);

// read_password_line(0, 2, prompt).
wire::expected<wire::secret, std::string> read_password_from_stdin(std::string_view prompt);

}  // namespace uvimap::app
