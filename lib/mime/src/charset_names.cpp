#include "charset_names.hpp"

#include <algorithm>

#include "ascii.hpp"

namespace uvimap::mime::detail {
namespace {

// Targets that are not iconv names.
constexpr std::string_view k_utf8 = "(utf-8)";
constexpr std::string_view k_windows1252 = "(windows-1252)";
constexpr std::string_view k_unlabelled = "(unlabelled)";

struct alias {
    std::string_view label;   // as normalise_charset_label() leaves it
    std::string_view target;  // an iconv name, or one of the targets above
};

constexpr alias k_aliases[] = {
    {"utf-8", k_utf8},
    {"utf8", k_utf8},
    {"unicode-1-1-utf-8", k_utf8},
    {"x-unicode20utf8", k_utf8},
    // No label, or one that says nothing about 8-bit bytes.
    {"us-ascii", k_unlabelled},
    {"ascii", k_unlabelled},
    {"us", k_unlabelled},
    {"ansi_x3.4-1968", k_unlabelled},
    {"iso646-us", k_unlabelled},
    {"csascii", k_unlabelled},
    {"x-unknown", k_unlabelled},
    {"unknown", k_unlabelled},
    {"unknown-8bit", k_unlabelled},
    {"x-user-defined", k_unlabelled},
    {"default", k_unlabelled},
    // ISO-8859-1 read as its superset, as every browser and mail client does.
    {"windows-1252", k_windows1252},
    {"cp1252", k_windows1252},
    {"x-cp1252", k_windows1252},
    {"iso-8859-1", k_windows1252},
    {"iso8859-1", k_windows1252},
    {"iso_8859-1", k_windows1252},
    {"iso_8859-1:1987", k_windows1252},
    {"iso88591", k_windows1252},
    {"latin1", k_windows1252},
    {"l1", k_windows1252},
    {"cp819", k_windows1252},
    {"ibm819", k_windows1252},
    {"iso-ir-100", k_windows1252},
    {"csisolatin1", k_windows1252},
    // Simplified Chinese: GB18030 contains GB2312 and GBK.
    {"gb2312", "gb18030"},
    {"gb_2312-80", "gb18030"},
    {"csgb2312", "gb18030"},
    {"chinese", "gb18030"},
    {"euc-cn", "gb18030"},
    {"x-euc-cn", "gb18030"},
    {"gbk", "gb18030"},
    {"x-gbk", "gb18030"},
    {"cp936", "gb18030"},
    {"ms936", "gb18030"},
    {"windows-936", "gb18030"},
    // Korean: Outlook's ks_c_5601-1987 is really windows-949 (Unified Hangul).
    {"ks_c_5601-1987", "cp949"},
    {"ks_c_5601-1989", "cp949"},
    {"ks_c_5601", "cp949"},
    {"ksc_5601", "cp949"},
    {"ksc5601", "cp949"},
    {"korean", "cp949"},
    {"csksc56011987", "cp949"},
    {"iso-ir-149", "cp949"},
    {"euc-kr", "cp949"},
    {"x-euc-kr", "cp949"},
    {"cseuckr", "cp949"},
    {"windows-949", "cp949"},
    // Japanese: glibc's strict SHIFT_JIS turns '\' into a yen sign and '~'
    // into an overline; windows-31j keeps ASCII and adds the NEC and IBM
    // rows that Windows mail uses.
    {"shift_jis", "cp932"},
    {"shift-jis", "cp932"},
    {"sjis", "cp932"},
    {"x-sjis", "cp932"},
    {"ms_kanji", "cp932"},
    {"csshiftjis", "cp932"},
    {"windows-31j", "cp932"},
    {"ms932", "cp932"},
    // glibc's ISO-2022-JP passes the half-width katakana escape (ESC ( I)
    // through as raw bytes; ISO-2022-JP-2 decodes it.
    {"iso-2022-jp", "iso-2022-jp-2"},
    {"csiso2022jp", "iso-2022-jp-2"},
    // Traditional Chinese: Big5 with the Hong Kong additions.
    {"big5", "big5-hkscs"},
    {"cn-big5", "big5-hkscs"},
    {"csbig5", "big5-hkscs"},
    {"x-x-big5", "big5-hkscs"},
    // Hebrew and Arabic: the -i (logical order) and -e (explicit) variants
    // have the same bytes as the plain charset.
    {"iso-8859-8-i", "iso-8859-8"},
    {"iso-8859-8-e", "iso-8859-8"},
    {"csiso88598i", "iso-8859-8"},
    {"csiso88598e", "iso-8859-8"},
    {"logical", "iso-8859-8"},
    {"visual", "iso-8859-8"},
    {"iso-8859-6-i", "iso-8859-6"},
    {"iso-8859-6-e", "iso-8859-6"},
    {"csiso88596i", "iso-8859-6"},
    {"csiso88596e", "iso-8859-6"},
    // Thai: windows-874 contains TIS-620.
    {"tis-620", "windows-874"},
    {"iso-8859-11", "windows-874"},
    {"dos-874", "windows-874"},
    {"unicode-1-1-utf-7", "utf-7"},
    {"csunicode11utf7", "utf-7"},
    {"x-unicode-2-0-utf-7", "utf-7"},
    {"unicode", "utf-16"},
    {"csunicode", "utf-16"},
    {"ucs-2", "utf-16"},
    {"iso-10646-ucs-2", "utf-16"},
    {"x-mac-roman", "macintosh"},
};

// A charset name is a short token. Anything else (a '/', which iconv would
// read as a conversion suffix, white space inside, 8-bit bytes) is refused
// before it gets near iconv_open.
bool is_plausible_name(std::string_view name) {
    constexpr std::size_t k_max_length = 40;
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == ':' || c == '+';
    };
    return name.size() <= k_max_length && std::all_of(name.begin(), name.end(), allowed);
}

std::size_t code_unit_size(std::string_view name) {
    for (std::string_view prefix : {"utf-16", "utf16", "ucs-2", "ucs2"}) {
        if (name.starts_with(prefix))
            return 2;
    }
    for (std::string_view prefix : {"utf-32", "utf32", "ucs-4", "ucs4"}) {
        if (name.starts_with(prefix))
            return 4;
    }
    return 1;
}

charset_plan plan_for(charset_family family) {
    charset_plan plan;
    plan.family = family;
    return plan;
}

}  // namespace

std::string normalise_charset_label(std::string_view label) {
    label = trim(label, is_quote_or_lwsp);
    label = label.substr(0, label.find('*'));
    return to_lower(trim(label, is_quote_or_lwsp));
}

charset_plan plan_charset(std::string_view label) {
    const std::string name = normalise_charset_label(label);
    if (name.empty())
        return plan_for(charset_family::unlabelled);
    if (!is_plausible_name(name))
        return plan_for(charset_family::unknown);
    std::string_view target = name;
    const auto* found = std::find_if(std::begin(k_aliases), std::end(k_aliases),
                                     [&](const alias& a) { return a.label == name; });
    if (found != std::end(k_aliases))
        target = found->target;
    if (target == k_utf8)
        return plan_for(charset_family::utf8);
    if (target == k_windows1252)
        return plan_for(charset_family::windows1252);
    if (target == k_unlabelled)
        return plan_for(charset_family::unlabelled);
    charset_plan plan = plan_for(charset_family::iconv);
    plan.iconv_name = target;
    plan.unit = code_unit_size(target);
    plan.sniff_byte_order = target == "utf-16" || target == "utf-32";
    return plan;
}

}  // namespace uvimap::mime::detail
