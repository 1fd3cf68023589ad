#include "uvimap/mime/base64.hpp"

#include "base64_core.hpp"

namespace uvimap::mime {

decoded_bytes decode_base64(std::string_view text, input_end end) {
    decoded_bytes result;
    result.bytes.reserve(text.size() / 4 * 3 + 3);
    detail::base64_state state;
    if (detail::decode_base64_text(text, state, detail::padding::ends_data, result.bytes) > 0)
        result.problems.add(problem::bad_base64);
    if (end == input_end::complete && state.digits == 1)
        result.problems.add(problem::bad_base64);
    return result;
}

}  // namespace uvimap::mime
