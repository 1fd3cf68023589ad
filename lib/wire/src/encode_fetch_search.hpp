// The FETCH items and search keys, written by encode_fetch_search.cpp.
// Private to the wire library.
#pragma once

#include "encode_writer.hpp"

namespace uvimap::wire::detail {

// ALL, FAST and FULL: FETCH macros, which must stand alone.
bool is_macro(fetch_att_kind a);

// One FETCH item with its section and partial range.
status write_fetch_att(writer& w, const fetch_att& item);

// One search criterion, `depth` levels inside NOT, OR and parentheses.
status write_search_key(writer& w, const search_key& key, int depth);

}  // namespace uvimap::wire::detail
