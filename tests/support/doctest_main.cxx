// The one translation unit that holds doctest's runner for each suite.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <csignal>

int main(int argc, char** argv) {
    // libuv leaves SIGPIPE alone, as does uvimap (no globals): a process that
    // writes to sockets ignores it, and then gets EPIPE as an error instead.
    std::signal(SIGPIPE, SIG_IGN);
    doctest::Context context(argc, argv);
    return context.run();
}
