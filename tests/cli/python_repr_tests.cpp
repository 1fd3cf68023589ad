// The Python forms that list and status print, as the chapter's scripts do.

#include <doctest/doctest.h>

#include "python_repr.hpp"

using namespace uvimap::app;

TEST_SUITE("cli: python repr") {
    TEST_CASE("strings are quoted as repr() quotes them") {
        CHECK(python_repr("IMAP4REV1") == "'IMAP4REV1'");
        CHECK(python_repr("") == "''");
        CHECK(python_repr("\\Seen") == "'\\\\Seen'");
        CHECK(python_repr("it's") == "\"it's\"");
        CHECK(python_repr("it's \"x\"") == "'it\\'s \"x\"'");
    }

    TEST_CASE("control characters come out escaped, never raw") {
        CHECK(python_repr("a\x1b[2Jb") == "'a\\x1b[2Jb'");
        CHECK(python_repr("line\nforged") == "'line\\x0aforged'");
    }

    TEST_CASE("tuples and lists") {
        CHECK(python_tuple({}) == "()");
        CHECK(python_tuple({"a"}) == "('a',)");
        CHECK(python_tuple({"\\Answered", "\\Seen"}) == "('\\\\Answered', '\\\\Seen')");
        CHECK(python_list({""}) == "['']");
        CHECK(python_list({"1", "2"}) == "['1', '2']");
    }
}
