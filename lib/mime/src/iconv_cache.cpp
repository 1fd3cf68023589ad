#include "iconv_cache.hpp"

#include <algorithm>

namespace uvimap::mime::detail {
namespace {

const iconv_t k_failed = reinterpret_cast<iconv_t>(-1);

}  // namespace

iconv_cache::~iconv_cache() {
    for (const entry& e : m_entries) {
        if (e.descriptor != k_failed)
            iconv_close(e.descriptor);
    }
}

std::optional<iconv_t> iconv_cache::get(const std::string& charset) {
    auto it = std::find_if(m_entries.begin(), m_entries.end(),
                           [&](const entry& e) { return e.charset == charset; });
    if (it == m_entries.end()) {
        if (m_entries.size() < k_capacity) {
            it = m_entries.insert(m_entries.end(), entry{charset, k_failed});
        } else {
            it = std::min_element(
                m_entries.begin(), m_entries.end(),
                [](const entry& a, const entry& b) { return a.last_use < b.last_use; });
            if (it->descriptor != k_failed)
                iconv_close(it->descriptor);
            it->charset = charset;
        }
        it->descriptor = iconv_open("UTF-8", charset.c_str());
    }
    it->last_use = ++m_clock;
    if (it->descriptor == k_failed)
        return std::nullopt;
    // Back to the initial shift state: the previous user may have stopped
    // in the middle of an ISO-2022 escape or a UTF-7 run.
    iconv(it->descriptor, nullptr, nullptr, nullptr, nullptr);
    return it->descriptor;
}

}  // namespace uvimap::mime::detail
