// A malformed tagged answer keeps its tag (the wire layer says so), so the
// session can end the command instead of waiting for ever.

#include <doctest/doctest.h>

#include "session_harness.hpp"

using namespace uvimap;
using namespace uvimap::session;
using uvimap::test::session_harness;

TEST_SUITE("session: lifecycle") {
    TEST_CASE("a malformed tagged answer still ends its command") {
        session_harness h;
        const command_id noop = h.s.submit(wire::noop_command{});
        h.client();
        h.server("A1 WHAT is this\r\n");
        CHECK(h.completed(noop));
        CHECK(h.result(noop).error->what == session_error::kind::protocol_error);
        CHECK(h.all<failed_event>().empty());
    }
}
