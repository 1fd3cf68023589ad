#include "uvimap/mime/charset_converter.hpp"

#include "charset_names.hpp"
#include "iconv_cache.hpp"
#include "iconv_decode.hpp"
#include "native_charsets.hpp"
#include "utf8_scan.hpp"

namespace uvimap::mime {
namespace {

// For UTF-16 and UTF-32 without a stated byte order: the explicit name to
// decode under, and the length of the byte order mark to skip.
struct byte_order_choice {
    std::string name;
    std::size_t mark_length = 0;
};

byte_order_choice choose_byte_order(const std::string& name, std::string_view bytes) {
    const bool utf16 = name == "utf-16";
    const std::string_view big =
        utf16 ? std::string_view("\xfe\xff", 2) : std::string_view("\x00\x00\xfe\xff", 4);
    const std::string_view little =
        utf16 ? std::string_view("\xff\xfe", 2) : std::string_view("\xff\xfe\x00\x00", 4);
    if (bytes.starts_with(little))
        return {name + "le", little.size()};
    if (bytes.starts_with(big))
        return {name + "be", big.size()};
    return {name + "be", 0};
}

// A UTF-8 byte order mark says nothing a reader needs, and would count as a
// character in a summary line.
std::string_view without_utf8_mark(std::string_view bytes) {
    if (bytes.starts_with(detail::k_utf8_byte_order_mark))
        bytes.remove_prefix(detail::k_utf8_byte_order_mark.size());
    return bytes;
}

}  // namespace

charset_converter::charset_converter() : m_cache(std::make_unique<detail::iconv_cache>()) {}
charset_converter::~charset_converter() = default;
charset_converter::charset_converter(charset_converter&&) noexcept = default;
charset_converter& charset_converter::operator=(charset_converter&&) noexcept = default;

decoded_text charset_converter::to_utf8(std::string_view bytes, std::string_view label,
                                        input_end end) {
    decoded_text result;
    append_utf8(result.text, result.problems, bytes, label, end);
    return result;
}

void charset_converter::append_utf8(std::string& out, problem_set& problems, std::string_view bytes,
                                    std::string_view label, input_end end) {
    const detail::charset_plan plan = detail::plan_charset(label);
    switch (plan.family) {
        case detail::charset_family::utf8:
            detail::decode_utf8(without_utf8_mark(bytes), end, out, problems);
            return;
        case detail::charset_family::windows1252:
            detail::decode_windows1252(bytes, out);
            return;
        case detail::charset_family::unlabelled:
            if (detail::decode_guessed(without_utf8_mark(bytes), end, out))
                problems.add(problem::unlabelled_eight_bit);
            return;
        case detail::charset_family::unknown:
            break;
        case detail::charset_family::iconv: {
            std::string name = plan.iconv_name;
            if (plan.sniff_byte_order) {
                byte_order_choice choice = choose_byte_order(name, bytes);
                name = std::move(choice.name);
                bytes.remove_prefix(choice.mark_length);
            }
            if (const auto descriptor = m_cache->get(name)) {
                detail::decode_with_iconv(*descriptor, bytes, end, plan.unit, out, problems);
                return;
            }
            break;
        }
    }
    problems.add(problem::unknown_charset);
    detail::decode_guessed(without_utf8_mark(bytes), end, out);
}

}  // namespace uvimap::mime
