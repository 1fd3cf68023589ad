// Converting bytes to UTF-8 with an iconv descriptor, without ever failing.
#pragma once

#include <iconv.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "uvimap/mime/result.hpp"

namespace uvimap::mime::detail {

// Appends `in` converted by `descriptor` (which converts to UTF-8 and is in
// its initial state). A sequence iconv rejects becomes U+FFFD
// (problem::invalid_characters) and decoding resumes `unit` bytes later.
//
// At the end of a complete input, a cut sequence becomes U+FFFD and the
// converter is flushed (glibc's CP1255, CP1258 and others hold the last
// character back, waiting for a combining mark). At the end of a truncated
// input, the cut sequence and whatever the converter holds back are left
// out, so the result is a prefix of what the whole would give.
void decode_with_iconv(iconv_t descriptor, std::string_view in, input_end end, std::size_t unit,
                       std::string& out, problem_set& problems);

}  // namespace uvimap::mime::detail
