// Runs a program the way a user's shell would, for tests of the uvimap
// executable: arguments, bytes on standard input, extra environment; waits
// for it and hands back its output and exit status.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace uvimap::test {

struct process_result {
    int exit_status = -1;  // -1 when it was killed by a signal
    int signal = 0;        // the signal that killed it, or 0
    bool timed_out = false;
    std::string out;
    std::string err;
};

struct process_options {
    process_options() = default;
    std::string input;  // written to its standard input, which then ends
    std::vector<std::pair<std::string, std::string>> environment;  // added to ours
    // Its standard output goes to this file (say /dev/full) instead of `out`.
    std::string stdout_file;
    // Killed (SIGKILL) after this long, with timed_out set.
    std::chrono::milliseconds timeout{60'000};
};

process_result run_process(const std::string& program, const std::vector<std::string>& args,
                           const process_options& options = {});

}  // namespace uvimap::test
