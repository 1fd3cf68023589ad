// Running the uvimap executable against the Dovecot fixture, as a user
// would from a shell.
#pragma once

#include <string>
#include <vector>

#include "support/dovecot_fixture.hpp"
#include "support/run_process.hpp"

namespace uvimap::test {

// Runs BUILD/bin/uvimap with `args`, `input` on its standard input, and
// TZ=UTC (browse shows dates in local time).
process_result run_uvimap(const std::vector<std::string>& args, const std::string& input = "",
                          process_options options = {});

// The options that reach the fixture over implicit TLS: --port IMAPS_PORT
// --cafile CA_FILE.
std::vector<std::string> tls_to(const dovecot_fixture& fx);

// run_uvimap(args + tls_to(fx), input): a subcommand against the fixture.
process_result run_over_tls(const dovecot_fixture& fx, const std::vector<std::string>& args,
                            const std::string& input);

// `a` then `b`.
std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b);

// The lines of `text` (without their LF), sorted: for output whose order
// depends on which account finished first.
std::vector<std::string> sorted_lines(const std::string& text);

// The account URL of `user` on the fixture over implicit TLS.
std::string imaps_url(const dovecot_fixture& fx, const std::string& user);

// A port on 127.0.0.1 that nothing listens on (bound, then released).
unsigned short closed_port();

}  // namespace uvimap::test
