#include "uvimap_cli.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

namespace uvimap::test {

process_result run_uvimap(const std::vector<std::string>& args, const std::string& input,
                          process_options options) {
    options.input = input;
    options.environment.emplace_back("TZ", "UTC");
    return run_process(UVIMAP_EXE, args, options);
}

std::vector<std::string> tls_to(const dovecot_fixture& fx) {
    return {"--port", std::to_string(fx.imaps_port), "--cafile", fx.ca_file};
}

process_result run_over_tls(const dovecot_fixture& fx, const std::vector<std::string>& args,
                            const std::string& input) {
    return run_uvimap(args + tls_to(fx), input);
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::vector<std::string> sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

std::string imaps_url(const dovecot_fixture& fx, const std::string& user) {
    return "imaps://" + user + "@" + fx.host + ":" + std::to_string(fx.imaps_port);
}

unsigned short closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

}  // namespace uvimap::test
