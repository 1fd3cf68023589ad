#include "uvimap/mime/quoted_printable.hpp"

#include <utility>

#include "ascii.hpp"

namespace uvimap::mime {
namespace {

class qp_decoder {
public:
    qp_decoder(std::string_view in, input_end end)
        : m_in(in), m_truncated(end == input_end::truncated) {
        m_result.bytes.reserve(in.size());
    }

    decoded_bytes run() && {
        std::size_t i = 0;
        while (i < m_in.size()) {
            if (m_in[i] == '=') {
                i = equals_sign(i);
            } else if (detail::is_wsp(m_in[i])) {
                i = white_space(i);
            } else {
                m_result.bytes += m_in[i];
                ++i;
            }
        }
        return std::move(m_result);
    }

private:
    // Length of the line end at `pos` ("\r\n" or "\n"), 0 if there is none.
    std::size_t line_end_at(std::size_t pos) const {
        if (pos < m_in.size() && m_in[pos] == '\n')
            return 1;
        if (pos + 1 < m_in.size() && m_in[pos] == '\r' && m_in[pos + 1] == '\n')
            return 2;
        return 0;
    }

    std::size_t skip_wsp(std::size_t pos) const {
        while (pos < m_in.size() && detail::is_wsp(m_in[pos]))
            ++pos;
        return pos;
    }

    // True when the input is truncated and ends with a lone CR at `pos`,
    // which may be the first half of a line end.
    bool cut_in_line_end(std::size_t pos) const {
        return m_truncated && pos + 1 == m_in.size() && m_in[pos] == '\r';
    }

    // Decodes the '=' at `pos`; returns where decoding resumes.
    std::size_t equals_sign(std::size_t pos) {
        if (const int byte = detail::escaped_byte_at(m_in, pos); byte >= 0) {
            m_result.bytes += static_cast<char>(byte);
            return pos + 3;
        }
        const std::size_t after_wsp = skip_wsp(pos + 1);
        if (const std::size_t line_end = line_end_at(after_wsp); line_end > 0)
            return after_wsp + line_end;  // soft line break
        // A soft line break at the very end, or one the end may have cut.
        const bool cut_escape =
            m_truncated && pos + 2 == m_in.size() && detail::hex_value(m_in[pos + 1]) >= 0;
        if (after_wsp == m_in.size() || cut_escape || cut_in_line_end(after_wsp))
            return m_in.size();
        m_result.bytes += '=';
        m_result.problems.add(problem::bad_quoted_printable);
        return pos + 1;
    }

    // Decodes the run of spaces and tabs at `pos`; returns where it ends.
    std::size_t white_space(std::size_t pos) {
        const std::size_t end = skip_wsp(pos);
        // Trailing white space is dropped; at the end of a truncated input
        // it may be trailing, so it is left out too.
        if (end == m_in.size() || line_end_at(end) > 0)
            return end;
        if (cut_in_line_end(end))
            return m_in.size();
        m_result.bytes.append(m_in, pos, end - pos);
        return end;
    }

    std::string_view m_in;
    bool m_truncated;
    decoded_bytes m_result;
};

}  // namespace

decoded_bytes decode_quoted_printable(std::string_view text, input_end end) {
    return qp_decoder(text, end).run();
}

}  // namespace uvimap::mime
