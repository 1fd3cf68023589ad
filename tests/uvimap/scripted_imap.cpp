#include "scripted_imap.hpp"

namespace uvimap::test {

const std::string plain_greeting =
    "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] scripted server ready\r\n";

void serve_imap(scripted_peer& peer, const std::string& greeting, const imap_answer& answer) {
    peer.send(greeting);
    for (;;) {
        std::string line = peer.read_line();
        if (line.empty()) {
            return;  // the client closed
        }
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
            line.pop_back();
        }
        const std::size_t space = line.find(' ');
        const std::string tag = line.substr(0, space);
        const std::string command = space == std::string::npos ? "" : line.substr(space + 1);
        if (const std::optional<std::string> custom = answer(tag, command)) {
            if (!peer.connected()) {
                return;
            }
            peer.send(*custom);
        } else if (command.starts_with("LOGIN ")) {
            peer.send(tag + " OK [CAPABILITY IMAP4rev1 UNSELECT] Logged in\r\n");
        } else if (command == "CAPABILITY") {
            peer.send("* CAPABILITY IMAP4rev1 UNSELECT\r\n" + tag + " OK done\r\n");
        } else if (command == "LOGOUT") {
            peer.send("* BYE see you\r\n" + tag + " OK bye\r\n");
            return;
        } else {
            peer.send(tag + " OK done\r\n");
        }
    }
}

}  // namespace uvimap::test
