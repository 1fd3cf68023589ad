// `uvimap browse HOST USER`: the chapter's simple_client.py. Folders, then
// a folder's messages, then a message's parts, then a part's content; "q"
// goes back up, the end of the input quits. The password is the first line
// of standard input and the replies are the lines after it, so a script can
// drive it through a pipe as a person does on a terminal.
#pragma once

#include "job.hpp"

namespace uvimap::app {

account_operation browse_operation();

}  // namespace uvimap::app
