#include "text_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace uvimap::app {

std::string system_error_text(const std::string& path, int error_number) {
    return path + ": " + std::strerror(error_number);
}

wire::expected<std::string, std::string> read_all(int fd, const std::string& name,
                                                  std::size_t limit) {
    std::string text;
    char buffer[16 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return wire::unexpected<std::string>(system_error_text(name, errno));
        }
        if (n == 0)
            return text;
        if (text.size() + static_cast<std::size_t>(n) > limit) {
            return wire::unexpected<std::string>(name + ": larger than " + std::to_string(limit) +
                                                 " bytes, which is more than this file may be");
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

wire::expected<std::string, std::string> read_text_file(const std::string& path,
                                                        std::size_t limit) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return wire::unexpected<std::string>(system_error_text(path, errno));
    auto text = read_all(fd, path, limit);
    ::close(fd);
    return text;
}

}  // namespace uvimap::app
