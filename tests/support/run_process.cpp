#include "support/run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace uvimap::test {

namespace {

struct pipe_pair {
    int read_end = -1;
    int write_end = -1;
    pipe_pair() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw std::runtime_error("pipe2 failed");
        }
        read_end = fds[0];
        write_end = fds[1];
    }
};

[[noreturn]] void exec_child(const std::string& program, const std::vector<std::string>& args,
                             const process_options& options, int in, int out, int err) {
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!options.stdout_file.empty()) {
        const int file = ::open(options.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (file < 0) {
            ::_exit(126);
        }
        ::dup2(file, 1);
        ::close(file);
    }
    for (const auto& [name, value] : options.environment) {
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
}

}  // namespace

process_result run_process(const std::string& program, const std::vector<std::string>& args,
                           const process_options& options) {
    pipe_pair in, out, err;
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        exec_child(program, args, options, in.read_end, out.write_end, err.write_end);
    }
    ::close(in.read_end);
    ::close(out.write_end);
    ::close(err.write_end);
    // A child that stops reading its input must not kill the test.
    ::signal(SIGPIPE, SIG_IGN);
    ::fcntl(in.write_end, F_SETFL, O_NONBLOCK);

    process_result result;
    std::size_t written = 0;
    int input_fd = in.write_end;
    if (options.input.empty()) {
        ::close(input_fd);
        input_fd = -1;
    }
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    int open_outputs = 2;
    while (open_outputs > 0) {
        pollfd fds[3] = {
            {out.read_end, POLLIN, 0}, {err.read_end, POLLIN, 0}, {input_fd, POLLOUT, 0}};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            result.timed_out = true;
            break;
        }
        const int ready = ::poll(fds, input_fd >= 0 ? 3 : 2, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                continue;
            }
            char buffer[65536];
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                (i == 0 ? out.read_end : err.read_end) = -1;
                --open_outputs;
            }
        }
        if (input_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
            const ssize_t n =
                ::write(input_fd, options.input.data() + written, options.input.size() - written);
            if (n > 0) {
                written += static_cast<std::size_t>(n);
            }
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == options.input.size()) {
                ::close(input_fd);
                input_fd = -1;
            }
        }
    }
    for (int fd : {out.read_end, err.read_end, input_fd}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) {
        result.exit_status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    return result;
}

}  // namespace uvimap::test
