// MIME parameter values (Content-Type `name`, Content-Disposition
// `filename`), as IMAP's BODYSTRUCTURE lists them, decoded for display:
// RFC 2231 charsets and continuations, and the RFC 2047 encoded words that
// senders use instead although RFC 2047 §5 forbids them there.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "uvimap/mime/charset_converter.hpp"
#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

// One attribute/value pair of a BODYSTRUCTURE parameter list, such as
// ("CHARSET" "UTF-8"), with the IMAP string syntax already removed.
struct parameter {
    std::string_view name;
    std::string_view value;
};

// Finds the parameter `name` (without regard to ASCII case) among `params`
// and decodes its value to UTF-8; nullopt if it is not there.
//
// RFC 2231 forms take precedence over a plain `name`, as in Thunderbird:
// - `name*` holds `charset'language'value` with %-escaped bytes;
// - `name*0`, `name*1`, ... are sections of one value, joined in order;
//   each may be %-escaped (`name*1*`), and the first escaped one says the
//   charset. Joining stops at a missing section (problem::bad_parameter);
//   sections not starting at 0 are ignored.
// An empty charset, or a value without the two apostrophes, is read like
// unlabelled text. A '%' that starts no escape is kept (bad_parameter).
// A plain value, or sections without a charset, go through
// decode_header_value (header_value.hpp): Outlook and Gmail send
// `filename="=?UTF-8?B?...?="`, and raw 8-bit values are common.
std::optional<decoded_text> decode_parameter(std::span<const parameter> params,
                                             std::string_view name, charset_converter& converter);

}  // namespace uvimap::mime
