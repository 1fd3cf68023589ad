#include "stdin_password.hpp"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

namespace uvimap::app {

namespace {

constexpr std::size_t max_password_length = 4096;

// The terminal settings to put back if a signal arrives while echo is off.
// A signal handler can reach nothing else, hence these process-wide
// variables; they are set only while a password is being typed.
volatile sig_atomic_t g_restore_fd = -1;
struct termios g_saved_termios;

constexpr int restored_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restore_and_reraise(int signal_number) {
    if (g_restore_fd >= 0)
        tcsetattr(g_restore_fd, TCSAFLUSH, &g_saved_termios);
    std::signal(signal_number, SIG_DFL);
    raise(signal_number);
}

// Echo off for as long as it lives, with the signal handlers above.
class echo_off {
public:
    explicit echo_off(int fd) {
        if (tcgetattr(fd, &g_saved_termios) != 0)
            return;
        struct termios quiet = g_saved_termios;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        // Keep echoing the newline so that the cursor moves on.
        quiet.c_lflag |= ECHONL;
        struct sigaction action {};
        action.sa_handler = restore_and_reraise;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < std::size(restored_signals); ++i)
            sigaction(restored_signals[i], &action, &m_previous[i]);
        g_restore_fd = fd;
        if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0)
            m_fd = fd;
    }
    ~echo_off() {
        if (m_fd >= 0)
            tcsetattr(m_fd, TCSAFLUSH, &g_saved_termios);
        if (g_restore_fd >= 0) {
            g_restore_fd = -1;
            for (std::size_t i = 0; i < std::size(restored_signals); ++i)
                sigaction(restored_signals[i], &m_previous[i], nullptr);
        }
    }
    echo_off(const echo_off&) = delete;
    echo_off& operator=(const echo_off&) = delete;

private:
    int m_fd = -1;
    struct sigaction m_previous[std::size(restored_signals)]{};
};

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;  // a prompt that cannot be shown is no reason to fail
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Reads up to the first LF (not included) or the end of the input.
wire::expected<wire::secret, std::string> read_line(int input) {
    using failure = wire::unexpected<std::string>;
    std::string line;
    // Wiped when the function returns, whatever it returns.
    wire::secret wiper;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(input, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return failure(std::string("cannot read the password from standard input: ") +
                           std::strerror(errno));
        if (n == 0 || c == '\n')
            break;
        if (line.size() == max_password_length) {
            wiper = wire::secret(std::move(line));
            return failure("the password on standard input is longer than " +
                           std::to_string(max_password_length) + " bytes");
        }
        line += c;
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    wire::secret password(std::move(line));
    if (password.empty())
        return failure("no password on standard input (an empty line, or nothing at all)");
    return password;
}

}  // namespace

wire::expected<wire::secret, std::string> read_password_line(int input, int prompt_output,
                                                             std::string_view prompt) {
    if (!isatty(input))
        return read_line(input);
    write_all(prompt_output, prompt);
    echo_off quiet(input);
    return read_line(input);
}

wire::expected<wire::secret, std::string> read_password_from_stdin(std::string_view prompt) {
    return read_password_line(STDIN_FILENO, STDERR_FILENO, prompt);
}

}  // namespace uvimap::app
