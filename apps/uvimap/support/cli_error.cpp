#include "cli_error.hpp"

#include <iterator>

namespace uvimap::app {

namespace {

// In the order of errc, which starts at 1.
constexpr code_description descriptions[] = {
    {"password_command_not_started", "the password command could not be started"},
    {"password_command_failed", "the password command failed"},
    {"password_command_killed", "the password command was killed by a signal"},
    {"password_command_no_output", "the password command printed no password"},
    {"password_command_output_too_long", "the password command printed too much"},
    {"password_command_timed_out", "the password command timed out"},
};
static_assert(std::size(descriptions) ==
              static_cast<std::size_t>(errc::password_command_timed_out));

}  // namespace

const error_category& app_category() noexcept {
    static const table_category instance("uvimap.app", descriptions);
    return instance;
}

}  // namespace uvimap::app
