// Splitting a header block (BODY[HEADER]) into fields.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "uvimap/mime/header_block.hpp"

using namespace uvimap::mime;

namespace {

std::vector<std::string> describe(const std::vector<header_field>& fields) {
    std::vector<std::string> out;
    for (const header_field& f : fields)
        out.push_back(f.name + "=[" + f.value + "]");
    return out;
}

}  // namespace

TEST_SUITE("mime: header blocks") {
    TEST_CASE("fields are split, unfolded and trimmed, and the block ends at the empty line") {
        const auto fields = parse_header_block(
            "From: Test Sender <sender@example.com>\r\n"
            "Subject: Foundations of\r\n"
            "  Python\r\n"
            "\tNetwork Programming  \r\n"
            "Content-Type: multipart/alternative;\r\n"
            " boundary=\"===============8211050864078048428==\"\r\n"
            "X-Empty:\r\n"
            "\r\n"
            "Body: not a field\r\n");
        CHECK(describe(fields) == std::vector<std::string>{
                                      "From=[Test Sender <sender@example.com>]",
                                      "Subject=[Foundations of  Python\tNetwork Programming]",
                                      "Content-Type=[multipart/alternative; "
                                      "boundary=\"===============8211050864078048428==\"]",
                                      "X-Empty=[]",
                                  });
    }

    TEST_CASE("bare LF line ends, a missing final line end, and raw 8-bit values") {
        const auto fields = parse_header_block("To: a@example.org\nSubject: Caf\xe9\n cr\xe8me");
        CHECK(describe(fields) ==
              std::vector<std::string>{"To=[a@example.org]", "Subject=[Caf\xe9 cr\xe8me]"});
    }

    TEST_CASE("a bare CR inside a line is dropped (found by fuzz_mime)") {
        const auto fields = parse_header_block("Subject:\xd1 \xd1\r\xd1\n");
        CHECK(describe(fields) == std::vector<std::string>{"Subject=[\xd1 \xd1\xd1]"});
    }

    TEST_CASE("lines that are no fields are skipped with their continuations") {
        const auto fields = parse_header_block(
            " orphan continuation\r\n"
            "From sender@example.com Mon Apr 21 13:41:01 2014\r\n"
            "  continued mbox line: x\r\n"
            "no colon here\r\n"
            ": empty name\r\n"
            "Bad Name: spaces\r\n"
            "Subject : obsolete space before the colon\r\n"
            "Date: Tue, 25 Mar 2014 17:14:01 -0400\r\n");
        CHECK(describe(fields) ==
              std::vector<std::string>{"Subject=[obsolete space before the colon]",
                                       "Date=[Tue, 25 Mar 2014 17:14:01 -0400]"});
    }

    TEST_CASE("an empty block has no fields") {
        CHECK(parse_header_block("").empty());
        CHECK(parse_header_block("\r\n").empty());
        CHECK(parse_header_block("\r\nSubject: after the end\r\n").empty());
    }

    TEST_CASE("find_field ignores case and takes the first of a name") {
        const auto fields = parse_header_block(
            "Received: one\r\nreceived: two\r\nCONTENT-TYPE: text/plain\r\n\r\n");
        REQUIRE(find_field(fields, "received") != nullptr);
        CHECK(find_field(fields, "received")->value == "one");
        REQUIRE(find_field(fields, "Content-Type") != nullptr);
        CHECK(find_field(fields, "Content-Type")->value == "text/plain");
        CHECK(find_field(fields, "Subject") == nullptr);
        CHECK(find_field(fields, "Content-Typ") == nullptr);
    }
}
