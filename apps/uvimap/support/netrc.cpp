#include "netrc.hpp"

#include "ascii.hpp"

namespace uvimap::app {

namespace {

struct token {
    std::string text;
    bool quoted = false;
    std::size_t line = 0;
};

// Splits netrc text into tokens and keeps the line count.
class tokenizer {
public:
    explicit tokenizer(std::string_view text) : m_text(text) {}

    std::size_t line() const noexcept { return m_line; }

    // The next token, or nullopt at the end. Sets `error` for an
    // unterminated quote.
    std::optional<token> next(std::optional<netrc_error>& error) {
        skip_space();
        if (m_pos == m_text.size())
            return std::nullopt;
        token t;
        t.line = m_line;
        if (m_text[m_pos] != '"') {
            const std::size_t start = m_pos;
            while (m_pos < m_text.size() && !is_space(m_text[m_pos]))
                ++m_pos;
            t.text = m_text.substr(start, m_pos - start);
            return t;
        }
        t.quoted = true;
        ++m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
            const char c = m_text[m_pos++];
            if (c == '"')
                return t;
            if (c == '\\' && m_pos < m_text.size() && m_text[m_pos] != '\n')
                t.text += unescape(m_text[m_pos++]);
            else
                t.text += c;
        }
        error = netrc_error{t.line, "a quoted word has no closing '\"' on its line"};
        return std::nullopt;
    }

    void skip_rest_of_line() {
        while (m_pos < m_text.size() && m_text[m_pos] != '\n')
            ++m_pos;
    }

    // Skips a macdef body: the lines after the current one, up to and
    // including the first empty line (or the end of the text).
    void skip_macro_body() {
        skip_rest_of_line();
        while (m_pos < m_text.size()) {
            ++m_pos;  // the '\n' that ends the previous line
            ++m_line;
            const std::size_t end = m_text.find('\n', m_pos);
            std::string_view line = m_text.substr(m_pos, end - m_pos);
            if (end == std::string_view::npos)
                line = m_text.substr(m_pos);
            m_pos = end == std::string_view::npos ? m_text.size() : end;
            if (line.empty() || line == "\r")
                return;
        }
    }

private:
    static bool is_space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    }

    static char unescape(char c) {
        switch (c) {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return c;
        }
    }

    void skip_space() {
        while (m_pos < m_text.size() && is_space(m_text[m_pos])) {
            if (m_text[m_pos] == '\n')
                ++m_line;
            ++m_pos;
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
};

enum class keyword { machine, default_, login, password, account, macdef, unknown };

keyword keyword_of(const token& t) {
    if (t.quoted)
        return keyword::unknown;
    static constexpr std::pair<std::string_view, keyword> names[] = {
        {"machine", keyword::machine}, {"default", keyword::default_},
        {"login", keyword::login},     {"password", keyword::password},
        {"account", keyword::account}, {"macdef", keyword::macdef},
    };
    for (const auto& [name, value] : names) {
        if (ascii_iequals(t.text, name))
            return value;
    }
    return keyword::unknown;
}

std::string_view without_brackets(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        return host.substr(1, host.size() - 2);
    return host;
}

}  // namespace

wire::expected<netrc, netrc_error> netrc::parse(std::string_view text) {
    using failure = wire::unexpected<netrc_error>;
    netrc result;
    tokenizer tokens(text);
    std::optional<netrc_error> error;
    netrc_entry* current = nullptr;

    // The value after a keyword, which may be any word at all.
    auto value_after = [&](const token& key) -> std::optional<token> {
        std::optional<token> value = tokens.next(error);
        if (!value && !error)
            error = netrc_error{key.line, "'" + ascii_lower(key.text) + "' has no value"};
        return value;
    };

    while (std::optional<token> t = tokens.next(error)) {
        const keyword k = keyword_of(*t);
        if (k == keyword::unknown && !t->quoted && t->text.front() == '#') {
            tokens.skip_rest_of_line();
            continue;
        }
        if (k == keyword::unknown) {
            return failure(netrc_error{
                t->line,
                "expected a keyword (machine, default, login, password, account, macdef); a "
                "value with spaces must be in double quotes"});
        }
        if (k == keyword::default_) {
            current = &result.m_entries.emplace_back();
            current->is_default = true;
            current->line = t->line;
            continue;
        }
        std::optional<token> value = value_after(*t);
        if (!value)
            return failure(*error);
        switch (k) {
            case keyword::machine:
                current = &result.m_entries.emplace_back();
                current->machine = std::move(value->text);
                current->line = t->line;
                break;
            case keyword::macdef:
                tokens.skip_macro_body();
                break;
            case keyword::login:
            case keyword::password:
            case keyword::account:
                if (current == nullptr) {
                    return failure(netrc_error{t->line, "'" + ascii_lower(t->text) +
                                                            "' before any 'machine' or 'default'"});
                }
                if (k == keyword::login)
                    current->login = std::move(value->text);
                else if (k == keyword::password)
                    current->password = wire::secret(std::move(value->text));
                break;
            default:
                break;
        }
    }
    if (error)
        return failure(*error);
    return result;
}

const netrc_entry* netrc::find(std::string_view host, std::string_view user) const {
    const std::string_view wanted = without_brackets(host);
    auto serves = [&](const netrc_entry& e) { return !e.login || *e.login == user; };
    for (const netrc_entry& e : m_entries) {
        if (!e.is_default && ascii_iequals(without_brackets(e.machine), wanted) && serves(e))
            return &e;
    }
    for (const netrc_entry& e : m_entries) {
        if (e.is_default && serves(e))
            return &e;
    }
    return nullptr;
}

std::optional<wire::secret> netrc::password_for(std::string_view host,
                                                std::string_view user) const {
    const netrc_entry* e = find(host, user);
    if (e == nullptr || !e->password)
        return std::nullopt;
    return e->password;
}

}  // namespace uvimap::app
