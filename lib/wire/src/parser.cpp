#include "uvimap/wire/parser.hpp"

#include "grammar.hpp"

namespace uvimap::wire {

namespace {

framer_options to_framer_options(const parser_options& options) {
    framer_options out;
    out.limits = options.limits;
    out.sink = options.sink;
    out.stream_threshold = options.stream_threshold;
    return out;
}

}  // namespace

parser::parser(parser_options options)
    : m_framer(to_framer_options(options)),
      m_grammar(std::make_unique<detail::grammar>(m_framer.options().limits)) {}

parser::~parser() = default;
parser::parser(parser&&) noexcept = default;
parser& parser::operator=(parser&&) noexcept = default;

void parser::feed(std::string_view bytes) {
    m_framer.feed(bytes);
}

std::span<char> parser::prepare(std::size_t n) {
    return m_framer.prepare(n);
}

void parser::commit(std::size_t n) {
    m_framer.commit(n);
}

parse_status parser::next() {
    switch (m_framer.next()) {
        case frame_status::ready:
            m_grammar->parse(m_framer.current());
            return parse_status::ready;
        case frame_status::need_more:
            return parse_status::need_more;
        case frame_status::failed:
            break;
    }
    return parse_status::failed;
}

const response& parser::current() const noexcept {
    return m_grammar->current();
}

const parse_error& parser::error() const noexcept {
    return m_framer.error();
}

std::uint64_t parser::pending_literal() const noexcept {
    return m_framer.pending_literal();
}

std::size_t parser::buffered() const noexcept {
    return m_framer.buffered();
}

void parser::reset() noexcept {
    m_framer.reset();
}

const response& parser::parse_frame(const frame& f) {
    return m_grammar->parse(f);
}

}  // namespace uvimap::wire
