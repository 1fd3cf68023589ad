// The uvimap command-line tool: dispatches to one function per subcommand.
// Only `parse` exists so far; the chapter's list/status/summary/browse
// subcommands arrive with the client layer.
#include <cstdio>
#include <string_view>

#include "parse_command.hpp"

namespace {

int usage() {
    std::fputs(
        "usage: uvimap <command> [options]\n"
        "commands:\n"
        "  parse [--literals] [--stats] [FILE|-]   parse a raw IMAP server stream to JSON lines\n",
        stderr);
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        return usage();
    }
    const std::string_view command = argv[1];
    if (command == "parse") {
        return uvimap::app::run_parse(argc - 2, argv + 2);
    }
    if (command == "-h" || command == "--help") {
        usage();
        return 0;
    }
    std::fprintf(stderr, "uvimap: unknown command '%s'\n", argv[1]);
    return usage();
}
