// Making text from a server safe to print on a terminal.
//
// Mailbox names, subjects, From headers, alerts and error texts come from
// the server (and from whoever sent the mail). Printed raw, control
// characters in them are commands to the terminal: ESC sequences can move
// the cursor, rewrite lines already printed, change the window title, and on
// some terminals write files or answer back into the input; a CR or LF can
// forge whole lines of output. So every such text goes through
// sanitize_for_terminal() before it is printed in text mode (JSON output is
// escaped by the JSON writer instead).
//
// What is escaped, and how:
// - C0 controls U+0000..U+001F, tab and newline included (server text is
//   one field: a newline in it would forge a line) -> \x00 .. \x1f
// - DEL -> \x7f
// - C1 controls U+0080..U+009F (CSI is U+009B, which some terminals obey in
//   its UTF-8 form) -> \u0080 .. \u009f
// - bytes that are not part of well-formed UTF-8 (as the wire layer's
//   utf8.hpp defines it), one at a time -> \xNN; a raw 0x9b is C1 CSI to a
//   terminal that is not in UTF-8 mode
// - the bidirectional embeddings, overrides and isolates U+202A..U+202E
//   and U+2066..U+2069, which reorder what follows and can make a text look
//   like another one (the "Trojan Source" attack, CVE-2021-42574), and the
//   line and paragraph separators U+2028 and U+2029 -> \u202e ...
// Everything else passes unchanged, so printable text in any script,
// left-to-right marks and right-to-left letters included, looks as sent.
// A backslash is not doubled: the result is for people to read, not to be
// decoded, and `C:\Users` should stay readable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace uvimap::app {

std::string sanitize_for_terminal(std::string_view text);

// Appends the sanitised `text` to `out`.
void append_sanitized(std::string& out, std::string_view text);

// `words` (flags, capabilities) joined by single spaces, made safe.
std::string sanitized_words(const std::vector<std::string>& words);

}  // namespace uvimap::app
