// Loading a netrc file: the permission rule, checked on real files with
// real modes and owners, and what is refused before anything is read.

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "netrc_file.hpp"
#include "support/skip.hpp"
#include "support/temp_dir.hpp"

using namespace uvimap::app;

namespace {

constexpr const char* sample = "machine imap.example.org login alice password wonderland\n";

std::string load_error(const std::string& path) {
    auto loaded = load_netrc_file(path);
    REQUIRE_FALSE(loaded.has_value());
    return loaded.error();
}

struct stat status(mode_t mode, uid_t owner) {
    struct stat st {};
    st.st_mode = S_IFREG | mode;
    st.st_uid = owner;
    return st;
}

}  // namespace

TEST_SUITE("cli: netrc file") {
    TEST_CASE("a file only its owner can read or write loads") {
        uvimap::test::temp_dir dir;
        for (unsigned mode : {0600u, 0400u, 0700u}) {
            CAPTURE(mode);
            const std::string path = dir.write("netrc", sample, mode);
            auto loaded = load_netrc_file(path);
            REQUIRE_MESSAGE(loaded.has_value(), (loaded ? "" : loaded.error()));
            CHECK(loaded->password_for("imap.example.org", "alice")->expose() == "wonderland");
        }
    }

    TEST_CASE("a file of yours that group or others may access is refused with its mode") {
        uvimap::test::temp_dir dir;
        for (unsigned mode : {0644u, 0640u, 0604u, 0660u, 0602u, 0620u, 0610u, 0601u, 0666u}) {
            CAPTURE(mode);
            const std::string path = dir.write("netrc", sample, mode);
            const std::string error = load_error(path);
            CAPTURE(error);
            CHECK(error.rfind(path + ": refusing to read this netrc", 0) == 0);
            CHECK(error.find("chmod 600") != std::string::npos);
            char octal[8];
            std::snprintf(octal, sizeof octal, "%04o", mode);
            CHECK(error.find(octal) != std::string::npos);
            CHECK(error.find("wonderland") == std::string::npos);
        }
    }

    TEST_CASE("a file owned by someone else is refused") {
        if (geteuid() != 0) {
            uvimap::test::report_skip("giving a file to another user needs root");
            return;
        }
        uvimap::test::temp_dir dir;
        const std::string path = dir.write("netrc", sample, 0600);
        REQUIRE(::chown(path.c_str(), 4321, 4321) == 0);
        const std::string error = load_error(path);
        CHECK(error.find("owned by uid 4321, not by you (uid 0) or root") != std::string::npos);
    }

    TEST_CASE("the rule for files owned by root allows group read, nothing more") {
        const uid_t me = 1000;
        CHECK_FALSE(netrc_permission_problem(status(0400, 0), me));
        CHECK_FALSE(netrc_permission_problem(status(0600, 0), me));
        CHECK_FALSE(netrc_permission_problem(status(0440, 0), me));  // a Secret with fsGroup
        CHECK_FALSE(netrc_permission_problem(status(0640, 0), me));
        for (mode_t mode : {0444, 0660, 0604, 0641, 0470, 0460}) {
            CAPTURE(mode);
            auto problem = netrc_permission_problem(status(mode, 0), me);
            REQUIRE(problem);
            CHECK(problem->find("owned by root") != std::string::npos);
        }
        // The same modes on a file of one's own: group read is too much.
        CHECK(netrc_permission_problem(status(0440, me), me));
        CHECK_FALSE(netrc_permission_problem(status(0400, me), me));
        // Root reading its own file follows the owner rule.
        CHECK(netrc_permission_problem(status(0440, 0), 0));
        CHECK_FALSE(netrc_permission_problem(status(0600, 0), 0));
        // Anybody else's file, whatever its mode.
        auto other = netrc_permission_problem(status(0600, 1001), me);
        REQUIRE(other);
        CHECK(*other == "owned by uid 1001, not by you (uid 1000) or root");
    }

    TEST_CASE("a directory is refused") {
        uvimap::test::temp_dir dir;
        REQUIRE(::chmod(dir.path().c_str(), 0700) == 0);
        CHECK(load_error(dir.path().string()).find("not a regular file") != std::string::npos);
    }

    TEST_CASE("a FIFO is refused at once, without waiting for a writer") {
        uvimap::test::temp_dir dir;
        const std::string path = (dir.path() / "fifo").string();
        REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
        CHECK(load_error(path).find("not a regular file") != std::string::npos);
    }

    TEST_CASE("a symbolic link to a private file loads, as Kubernetes mounts Secrets") {
        uvimap::test::temp_dir dir;
        const std::string target = dir.write("..data-netrc", sample, 0400);
        const std::string link = (dir.path() / "netrc").string();
        REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
        auto loaded = load_netrc_file(link);
        REQUIRE(loaded.has_value());
        CHECK(loaded->password_for("imap.example.org", "alice"));
    }

    TEST_CASE("a missing file and a syntax error name the file, and the line") {
        uvimap::test::temp_dir dir;
        const std::string missing = (dir.path() / "missing").string();
        CHECK(load_error(missing) == missing + ": No such file or directory");
        const std::string bad = dir.write("bad", "machine a\nlogin x passwd secret\n", 0600);
        const std::string error = load_error(bad);
        CHECK(error.rfind(bad + ":2: ", 0) == 0);
        CHECK(error.find("secret") == std::string::npos);
    }
}
