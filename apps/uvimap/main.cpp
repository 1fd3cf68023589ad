// The uvimap command-line tool: the IMAP chapter's programs as subcommands,
// for one account or thousands (docs/cli.md), and `uvimap parse`.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "browse_command.hpp"
#include "cli_options.hpp"
#include "job.hpp"
#include "list_command.hpp"
#include "parse_command.hpp"
#include "status_command.hpp"
#include "summary_command.hpp"
#include "support/exit_status.hpp"

namespace {

using namespace uvimap::app;

// A subcommand's positionals: HOST USER [FOLDER], or only [FOLDER] with
// --accounts, which takes the place of HOST USER.
struct positionals {
    std::vector<std::string> values;
    bool wants_folder = false;

    void add_to(CLI::App& command) {
        command.add_option("ARGS", values,
                           wants_folder ? "HOST USER FOLDER, or FOLDER with --accounts FILE"
                                        : "HOST USER, or nothing with --accounts FILE");
    }

    // Fills host, user and folder; a usage error message if the count is off.
    std::optional<std::string> apply(cli_options& options, std::string& folder) const {
        const std::size_t account_args = options.accounts_file.empty() ? 2 : 0;
        const std::size_t expected = account_args + (wants_folder ? 1 : 0);
        if (values.size() != expected) {
            std::string want = account_args == 2 ? "HOST USER" : "";
            if (wants_folder) {
                want += want.empty() ? "FOLDER" : " FOLDER";
            }
            return (account_args == 2 ? "expected " : "with --accounts, expected ") +
                   (want.empty() ? std::string("no HOST or USER") : want);
        }
        if (account_args == 2) {
            options.host = values[0];
            options.user = values[1];
        }
        if (wants_folder) {
            folder = values.back();
        }
        return std::nullopt;
    }
};

}  // namespace

int main(int argc, char** argv) {
    // `parse` keeps its own small argument syntax (docs/parse-json.md).
    if (argc >= 2 && std::string_view(argv[1]) == "parse") {
        return run_parse(argc - 2, argv + 2);
    }
    CLI::App app{"uvimap: the IMAP chapter's programs, for one account or thousands"};
    app.set_version_flag("--version", "uvimap 0.1.0");
    app.require_subcommand(1);

    cli_options options;
    std::string folder;
    positionals list_args;
    positionals folder_args{{}, true};

    CLI::App* list = app.add_subcommand("list", "capabilities and mailboxes (open_imap.py)");
    list_args.add_to(*list);
    add_cli_options(*list, options, true);

    CLI::App* status =
        app.add_subcommand("status", "a folder's data, opened read-only (folder_info.py)");
    folder_args.add_to(*status);
    add_cli_options(*status, options, true);

    CLI::App* summary =
        app.add_subcommand("summary", "each message's sender and first words (folder_summary.py)");
    folder_args.add_to(*summary);
    add_cli_options(*summary, options, true);

    CLI::App* browse = app.add_subcommand(
        "browse", "folders, messages and parts, interactively (simple_client.py)");
    browse->add_option("HOST", options.host, "the IMAP server")->required();
    browse->add_option("USER", options.user, "the user name")->required();
    add_cli_options(*browse, options, false);

    app.add_subcommand("parse", "a raw IMAP server stream to JSON lines (uvimap parse --help)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_status::success : exit_status::usage;
    }
    if (browse->parsed()) {
        return run_job(options, browse_operation());
    }
    const positionals& args = list->parsed() ? list_args : folder_args;
    if (const std::optional<std::string> problem = args.apply(options, folder)) {
        std::fprintf(stderr, "uvimap: %s (see uvimap %s --help)\n", problem->c_str(),
                     list->parsed()     ? "list"
                     : status->parsed() ? "status"
                                        : "summary");
        return exit_status::usage;
    }
    if (list->parsed()) {
        return run_job(options, list_operation());
    }
    if (status->parsed()) {
        return run_job(options, status_operation(folder));
    }
    return run_job(options, summary_operation(folder));
}
