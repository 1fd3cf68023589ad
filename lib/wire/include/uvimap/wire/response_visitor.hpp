// One walk over a parsed response, for everything that prints or compares
// responses: `uvimap parse` writes its JSON from it, and the wire tests and
// fuzzers a dump of every member. A new member of `response` is then walked in
// one place, and every printer sees it.
//
// The walk calls a response_visitor with a stream of JSON-shaped events:
// objects, arrays, member keys and scalars. With walk_detail::sent the shape
// is exactly the JSON of docs/parse-json.md: the members that mean something
// for the response's type and kind, keyed as there. With
// walk_detail::every_member it is every member of every struct, whatever the
// type and kind, so that two parses can be compared member by member and a
// view into freed memory is read (and caught by AddressSanitizer).
//
// walk_response() never throws by itself. It allocates only in the `sent`
// detail of a FETCH response, to tell repeated item names apart.
#pragma once

#include <cstdint>
#include <string_view>

#include "uvimap/wire/response.hpp"

namespace uvimap::wire {

class response_visitor {
public:
    virtual void begin_object() = 0;
    virtual void end_object() = 0;
    virtual void begin_array() = 0;
    virtual void end_array() = 0;
    // The key of the next member of the object being walked.
    virtual void key(std::string_view name) = 0;
    // A string as the server sent it: NIL, an atom, a quoted string or a
    // literal (held or streamed); see string_value.
    virtual void value(const string_value& s) = 0;
    // Any other text: a keyword, a flag, a name, raw bytes of the response.
    virtual void text(std::string_view s) = 0;
    virtual void number(std::int64_t n) = 0;
    virtual void unsigned_number(std::uint64_t n) = 0;
    virtual void boolean(bool b) = 0;
    virtual void null() = 0;

protected:
    ~response_visitor() = default;
};

enum class walk_detail : std::uint8_t {
    // The members that mean something for the response, as `uvimap parse`
    // prints them.
    sent,
    // Every member of every struct, for comparing two parses.
    every_member,
};

void walk_response(const response& r, response_visitor& visitor,
                   walk_detail detail = walk_detail::sent);

}  // namespace uvimap::wire
