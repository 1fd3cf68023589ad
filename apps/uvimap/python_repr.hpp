// The chapter's scripts print Python values with print() and %r; the text
// output of list and status reproduces that form exactly, so that uvimap's
// output can be laid beside the book's:
//   Capabilities: ('IMAP4REV1', 'LITERAL+', ...)
//   FLAGS: ('\\Answered', '\\Flagged', ...)
//   READ-ONLY: ['']
// These are repr() of a str, a tuple of str and a list of str. Control
// characters come out escaped (sanitize_for_terminal), as in Python's
// '\x1b', so the result is safe for a terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace uvimap::app {

// repr(str): single quotes unless the text holds ' and no ", backslashes
// and the quote doubled with a backslash.
std::string python_repr(std::string_view text);
// repr(tuple(items)): "()", "('a',)" for one, "('a', 'b')".
std::string python_tuple(const std::vector<std::string>& items);
// repr(list(items)): "[]", "['a', 'b']".
std::string python_list(const std::vector<std::string>& items);

}  // namespace uvimap::app
