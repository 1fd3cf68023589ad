// uvimap list: the chapter's open_imap.py. Text:
//   Capabilities: ('IMAP4REV1', 'LITERAL+', ...)
//   Listing mailboxes:
//     \HasNoChildren                / INBOX
// that is, per mailbox two spaces, its flags joined by spaces padded to 30
// columns, the delimiter, a space, the name (decoded to UTF-8). JSON data:
// {"capabilities": [...], "mailboxes": [{"name", "flags", "delimiter"}]}.
#pragma once

#include "job.hpp"

namespace uvimap::app {

account_operation list_operation();

}  // namespace uvimap::app
