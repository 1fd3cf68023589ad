// Reading a whole input file into memory, with a size limit, for the
// accounts file and the netrc file.
#pragma once

#include <cstddef>
#include <string>

#include "uvimap/wire/expected.hpp"

namespace uvimap::app {

// Reads everything from `fd` until end of file, blocking. Fails with a
// message (naming `name`) on a read error or when the input passes `limit`
// bytes. The descriptor stays open.
wire::expected<std::string, std::string> read_all(int fd, const std::string& name,
                                                  std::size_t limit);

// Opens `path` and reads it with read_all(). Anything that can be opened and
// read works: a regular file, /dev/stdin, a pipe from process substitution.
wire::expected<std::string, std::string> read_text_file(const std::string& path, std::size_t limit);

// The error text for a failed system call on `path`: "PATH: strerror(errno)".
std::string system_error_text(const std::string& path, int error_number);

}  // namespace uvimap::app
