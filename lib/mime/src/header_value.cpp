#include "uvimap/mime/header_value.hpp"

#include <algorithm>
#include <string>

#include "ascii.hpp"
#include "base64_core.hpp"
#include "charset_names.hpp"
#include "encoded_word.hpp"

namespace uvimap::mime {
namespace {

// RFC 2047 §4.2 Q text: '_' is a space, "=XX" a byte. Line breaks are what
// unfolding leaves of a word folded in the middle, and go. False if a '='
// starts no escape.
bool decode_q_text(std::string_view text, std::string& out) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '=') {
            const int byte = detail::escaped_byte_at(text, i);
            if (byte < 0)
                return false;
            out += static_cast<char>(byte);
            i += 2;
        } else if (c == '_') {
            out += ' ';
        } else if (c != '\r' && c != '\n') {
            out += c;
        }
    }
    return true;
}

// Decodes a word's B or Q text into `out`. B text continues the quantum in
// `base64`; a Q word ends any quantum (it cannot continue across one).
bool decode_word_text(const detail::encoded_word& word, detail::base64_state& base64,
                      std::string& out) {
    if (word.encoding == 'q') {
        base64 = {};
        return decode_q_text(word.text, out);
    }
    return detail::decode_base64_text(word.text, base64, detail::padding::ends_quantum, out) == 0;
}

// Builds the decoded value piece by piece. Encoded words go into a run that
// collects the bytes of adjacent words in one charset, so that they are
// converted together when the run ends.
class value_decoder {
public:
    explicit value_decoder(charset_converter& converter) : m_converter(converter) {}

    // Text outside encoded words (or a word kept as written).
    void add_text(std::string_view raw) {
        end_run();
        std::string unfolded(raw);
        std::erase_if(unfolded, [](char c) { return c == '\r' || c == '\n'; });
        m_converter.append_utf8(m_result.text, m_result.problems, unfolded, "");
    }

    // An encoded word and the text between it and the previous piece.
    // Returns false, having added nothing, if the word's text cannot be
    // decoded.
    bool add_word(std::string_view gap, const detail::encoded_word& word) {
        // Only white space between two encoded words goes (RFC 2047 §6.2).
        const bool adjacent = m_run_open && std::all_of(gap.begin(), gap.end(), detail::is_lwsp);
        std::string key = detail::normalise_charset_label(word.charset);
        const bool same_run = adjacent && key == m_run_key;
        detail::base64_state base64 = same_run ? m_run_base64 : detail::base64_state{};
        std::string bytes;
        if (!decode_word_text(word, base64, bytes))
            return false;
        if (!adjacent)
            add_text(gap);
        if (!same_run) {
            end_run();
            m_run_open = true;
            m_run_key = std::move(key);
            m_run_label = word.charset;
        }
        m_run_bytes += bytes;
        m_run_base64 = base64;
        return true;
    }

    void add_problem(problem p) { m_result.problems.add(p); }

    decoded_text finish() && {
        end_run();
        return std::move(m_result);
    }

private:
    void end_run() {
        if (!m_run_open)
            return;
        m_converter.append_utf8(m_result.text, m_result.problems, m_run_bytes, m_run_label);
        m_run_open = false;
        m_run_bytes.clear();
        m_run_base64 = {};
    }

    charset_converter& m_converter;
    decoded_text m_result;
    bool m_run_open = false;
    std::string m_run_key;
    std::string_view m_run_label;
    std::string m_run_bytes;
    detail::base64_state m_run_base64;
};

}  // namespace

decoded_text decode_header_value(std::string_view raw, charset_converter& converter) {
    // Most values are plain ASCII on one line: nothing to decode or unfold.
    const bool plain = std::none_of(raw.begin(), raw.end(), [](char c) {
        return c == '\r' || c == '\n' || (static_cast<unsigned char>(c) & 0x80) != 0;
    });
    if (plain && raw.find("=?") == std::string_view::npos) {
        return decoded_text{std::string(raw), {}};
    }
    value_decoder decoder(converter);
    detail::encoded_word_finder finder(raw);
    std::size_t pos = 0;
    while (const auto word = finder.next(pos)) {
        const std::string_view gap = raw.substr(pos, word->begin - pos);
        if (!decoder.add_word(gap, *word)) {
            decoder.add_text(raw.substr(pos, word->end - pos));
            decoder.add_problem(problem::bad_encoded_word);
        }
        pos = word->end;
    }
    decoder.add_text(raw.substr(pos));
    if (finder.saw_broken_word())
        decoder.add_problem(problem::bad_encoded_word);
    return std::move(decoder).finish();
}

}  // namespace uvimap::mime
