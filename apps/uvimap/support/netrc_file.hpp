// Loading --netrc FILE, with the permission check that keeps passwords
// private.
//
// What others do: ftp(1) and Python's netrc module refuse a netrc that holds
// passwords and that group or others can access, and Python also one not
// owned by the user; fetchmail applies such a rule to its .fetchmailrc
// ("must have no more than -rwx------ (0700) permissions", "must be owned
// by you"); curl checks nothing. uvimap refuses, before reading a byte:
// - anything but a regular file (after symbolic links, which Kubernetes
//   uses for mounted Secrets): a FIFO or a device could block or change
//   between reads;
// - a file owned by you that group or others may read, write or execute
//   (mode & 077): `chmod 600 FILE`;
// - a file owned by root that others may access at all, or its group may
//   write (mode & 027). Group read is allowed here because only root could
//   have granted it: this is how Kubernetes mounts a Secret into a pod that
//   runs as a non-root user with an fsGroup (owner root, group fsGroup, mode
//   0440 whatever defaultMode says, kubernetes/kubernetes#57923);
// - a file owned by anybody else.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <optional>
#include <string>

#include "netrc.hpp"
#include "uvimap/wire/expected.hpp"

namespace uvimap::app {

// Opens, checks and parses FILE (at most 16 MiB). On failure: a message
// naming FILE (and the line, for syntax errors), never file contents.
wire::expected<netrc, std::string> load_netrc_file(const std::string& path);

// The permission rule above for a file with status `st`, read by effective
// user `reader`: nullopt if acceptable, else why not (without the path).
std::optional<std::string> netrc_permission_problem(const struct stat& st, uid_t reader);

}  // namespace uvimap::app
