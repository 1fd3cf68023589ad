// The protocol trace: "C: ..." for what the session sends, "S: ..." for what
// it receives, a line per call of the trace sink.

#include <algorithm>
#include <string>

#include "session_impl.hpp"

namespace uvimap::session {

namespace {

// Long lines and long responses (message bodies) are cut in the trace.
constexpr std::size_t max_line = 500;
constexpr std::size_t max_lines_per_response = 20;

std::string_view without_crlf(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return line;
}

void emit(const trace_sink& sink, trace_line::direction from, std::string_view text) {
    if (text.size() <= max_line) {
        sink(trace_line{from, text});
        return;
    }
    std::string cut(text.substr(0, max_line));
    cut += "... (" + std::to_string(text.size()) + " bytes)";
    sink(trace_line{from, cut});
}

}  // namespace

void session::impl::trace_fragment(const wire::fragment& piece) {
    if (!options.trace) {
        return;
    }
    if (piece.kind == wire::fragment_kind::literal) {
        const std::string shown = piece.secrets.empty()
                                      ? "{" + std::to_string(piece.bytes.size()) + " bytes}"
                                      : std::string(wire::redacted_text);
        emit(options.trace, trace_line::direction::client, shown);
        return;
    }
    emit(options.trace, trace_line::direction::client, without_crlf(wire::redact(piece)));
}

void session::impl::trace_response(std::string_view raw) {
    if (!options.trace) {
        return;
    }
    std::size_t lines = 0;
    while (!raw.empty()) {
        if (lines == max_lines_per_response) {
            emit(options.trace, trace_line::direction::server,
                 "... (" + std::to_string(raw.size()) + " more bytes)");
            return;
        }
        const std::size_t end = raw.find('\n');
        const std::string_view line =
            raw.substr(0, end == std::string_view::npos ? raw.size() : end);
        emit(options.trace, trace_line::direction::server, without_crlf(line));
        raw.remove_prefix(std::min(raw.size(), line.size() + 1));
        ++lines;
    }
}

}  // namespace uvimap::session
