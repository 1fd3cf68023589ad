#include "iconv_decode.hpp"

#include <cerrno>

#include "utf8_scan.hpp"

namespace uvimap::mime::detail {
namespace {

constexpr std::size_t k_size_error = static_cast<std::size_t>(-1);

// The output buffer: `out` grown ahead of iconv, trimmed to what was written.
class output_window {
public:
    explicit output_window(std::string& out, std::size_t expected) : m_out(out) {
        m_used = out.size();
        out.resize(m_used + expected + 16);
    }
    ~output_window() { m_out.resize(m_used); }
    output_window(const output_window&) = delete;
    output_window& operator=(const output_window&) = delete;

    char* next() { return m_out.data() + m_used; }
    std::size_t room() const { return m_out.size() - m_used; }
    void commit(char* end) { m_used = static_cast<std::size_t>(end - m_out.data()); }
    void grow() { m_out.resize(m_out.size() * 2); }
    void append(std::string_view s) {
        if (room() < s.size())
            m_out.resize(m_used + s.size() + 16);
        m_out.replace(m_used, s.size(), s);
        m_used += s.size();
    }

private:
    std::string& m_out;
    std::size_t m_used;
};

// Runs iconv once over the input (or, with a null input, flushes it).
// Returns errno, 0 on success; E2BIG never comes back.
int run(iconv_t descriptor, char** in, std::size_t* in_left, output_window& window) {
    for (;;) {
        char* next = window.next();
        std::size_t room = window.room();
        const std::size_t result = iconv(descriptor, in, in_left, &next, &room);
        const int error = result == k_size_error ? errno : 0;
        window.commit(next);
        if (error != E2BIG)
            return error;
        window.grow();
    }
}

}  // namespace

void decode_with_iconv(iconv_t descriptor, std::string_view in, input_end end, std::size_t unit,
                       std::string& out, problem_set& problems) {
    output_window window(out, in.size() * 2);
    // iconv's interface is not const-correct; it never writes the input.
    char* next = const_cast<char*>(in.data());
    std::size_t left = in.size();
    while (left > 0) {
        const int error = run(descriptor, &next, &left, window);
        if (error == 0)
            break;
        // A sequence cut by the end of a truncated input. (glibc reports
        // cuts as EINVAL, never EILSEQ: checked for every character of its
        // multi-byte charsets, cut at every byte.)
        if (end == input_end::truncated && error == EINVAL)
            return;
        window.append(k_replacement_character);
        problems.add(problem::invalid_characters);
        if (error != EILSEQ)
            break;  // EINVAL: a sequence cut by the end of a complete input
        const std::size_t skip = unit < left ? unit : left;
        next += skip;
        left -= skip;
    }
    if (end == input_end::complete && run(descriptor, nullptr, nullptr, window) != 0) {
        window.append(k_replacement_character);
        problems.add(problem::invalid_characters);
    }
}

}  // namespace uvimap::mime::detail
