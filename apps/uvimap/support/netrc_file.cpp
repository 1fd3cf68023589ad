#include "netrc_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "text_file.hpp"

namespace uvimap::app {

namespace {

constexpr std::size_t max_netrc_size = 16 * 1024 * 1024;

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

}  // namespace

std::optional<std::string> netrc_permission_problem(const struct stat& st, uid_t reader) {
    if (!S_ISREG(st.st_mode))
        return std::string("not a regular file; a netrc must be one");
    if (st.st_uid == reader) {
        if ((st.st_mode & 077) != 0) {
            return "group or others may access it (mode " + octal_mode(st.st_mode) +
                   "); a netrc holds passwords: chmod 600 it";
        }
        return std::nullopt;
    }
    if (st.st_uid == 0) {
        if ((st.st_mode & 027) != 0) {
            return "owned by root but others may access it or its group may write it (mode " +
                   octal_mode(st.st_mode) + "); it must be 0600, 0400, 0640 or 0440";
        }
        return std::nullopt;
    }
    return "owned by uid " + std::to_string(st.st_uid) + ", not by you (uid " +
           std::to_string(reader) + ") or root";
}

wire::expected<netrc, std::string> load_netrc_file(const std::string& path) {
    using failure = wire::unexpected<std::string>;
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the check below
    // refuses it anyway.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return failure(system_error_text(path, errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int error = errno;
        ::close(fd);
        return failure(system_error_text(path, error));
    }
    if (std::optional<std::string> problem = netrc_permission_problem(st, ::geteuid())) {
        ::close(fd);
        return failure(path + ": refusing to read this netrc: " + *problem);
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    auto text = read_all(fd, path, max_netrc_size);
    ::close(fd);
    if (!text)
        return failure(text.error());
    // The text holds passwords: as a secret it is wiped before the heap gets
    // it back.
    const wire::secret contents(std::move(*text));
    auto parsed = netrc::parse(contents.expose());
    if (!parsed)
        return failure(path + ":" + std::to_string(parsed.error().line) + ": " +
                       parsed.error().message);
    return std::move(*parsed);
}

}  // namespace uvimap::app
