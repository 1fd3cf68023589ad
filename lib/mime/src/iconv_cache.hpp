// iconv descriptors kept open for reuse.
//
// iconv_open is not cheap: glibc reads its gconv module configuration the
// first time and allocates a conversion step chain each time, while a mail
// folder uses a handful of charsets over and over. The cache belongs to one
// charset_converter, so two converters on two threads never share a
// descriptor (an iconv descriptor carries conversion state and must not be
// used by two threads at once).
#pragma once

#include <iconv.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace uvimap::mime::detail {

class iconv_cache {
public:
    iconv_cache() = default;
    ~iconv_cache();
    iconv_cache(const iconv_cache&) = delete;
    iconv_cache& operator=(const iconv_cache&) = delete;

    // A descriptor converting from `charset` to UTF-8, in its initial shift
    // state, or nullopt when iconv does not know the charset. Failures are
    // remembered too, so that a message full of one unknown label does not
    // retry iconv_open for every word.
    std::optional<iconv_t> get(const std::string& charset);

private:
    // Enough for the charsets of a folder; the least recently used goes.
    static constexpr std::size_t k_capacity = 8;

    struct entry {
        std::string charset;
        iconv_t descriptor;
        std::uint64_t last_use = 0;
    };

    std::vector<entry> m_entries;
    std::uint64_t m_clock = 0;
};

}  // namespace uvimap::mime::detail
