// uvimap status FOLDER: the chapter's folder_info.py. The folder is opened
// read-only (EXAMINE) and each item of its data printed as the chapter's
// imapclient gives it, keys sorted:
//   EXISTS: 3
//   FLAGS: ('\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft')
//   NOMODSEQ: ['']
//   PERMANENTFLAGS: ()
//   READ-ONLY: ['']
//   RECENT: 0
//   UIDNEXT: 4
//   UIDVALIDITY: 1414010141
//   UNSEEN: ['1']
// (HIGHESTMODSEQ when the server has it; what a server does not send is
// left out, as Courier leaves out UIDNEXT and UNSEEN.) JSON data: the same
// as typed members.
#pragma once

#include <string>

#include "job.hpp"

namespace uvimap::app {

account_operation status_operation(std::string folder);

}  // namespace uvimap::app
