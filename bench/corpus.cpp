#include "corpus.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>

namespace uvimap::bench {

namespace {

constexpr std::string_view greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+] uvimap-bench ready\r\n";

// SplitMix64: tiny, fast, and its output is fixed by the seed on every
// platform, which std::uniform_int_distribution does not promise.
class rng {
public:
    explicit rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // A number in [lo, hi]; the modulo bias is irrelevant for test data.
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) {
        return lo + next() % (hi - lo + 1);
    }
    bool chance(unsigned percent) { return next() % 100 < percent; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[next() % N];
    }

private:
    std::uint64_t m_state;
};

constexpr std::array<std::string_view, 12> first_names = {
    "Terry", "Fred", "Jane", "Pat", "Chris", "Alex", "Sam", "Robin", "Kim", "Morgan", "Lee", "Dana",
};
constexpr std::array<std::string_view, 10> last_names = {
    "Gray", "Foobar", "Doe", "O'Brien", "Klensin", "Crispin", "Smith", "Nguyen", "Muller", "Garcia",
};
constexpr std::array<std::string_view, 8> hosts = {
    "cac.washington.edu", "example.com",  "mail.example.org", "CNRI.Reston.VA.US",
    "lists.example.net",  "corp.example", "MIT.EDU",          "blurdybloop.example",
};
constexpr std::array<std::string_view, 16> words = {
    "meeting", "minutes", "report", "quarterly", "draft", "review", "lunch",  "notes",
    "budget",  "plan",    "update", "release",   "build", "status", "agenda", "follow-up",
};
// RFC 2047 encoded words as servers pass them through untouched.
constexpr std::array<std::string_view, 4> encoded_words = {
    "=?UTF-8?B?w4ljaGFuZ2UgZGUgdHLDqHMgYm9ucyBwcm9jw6lkw6lz?=",
    "=?ISO-8859-1?Q?Andr=E9_Pirard?=",
    "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen?=",
    "=?UTF-8?B?5pel5pys6Kqe44Gu5Lu25ZCN?=",
};
constexpr std::array<std::string_view, 5> flag_sets = {
    "(\\Seen)", "()", "(\\Seen \\Answered)", "(\\Flagged \\Seen $Forwarded)", "(\\Draft)",
};
constexpr std::array<std::string_view, 4> months = {"Jan", "Apr", "Jul", "Nov"};

void append_number(std::string& out, std::uint64_t n) {
    char buffer[24];
    const int size =
        std::snprintf(buffer, sizeof buffer, "%llu", static_cast<unsigned long long>(n));
    out.append(buffer, static_cast<std::size_t>(size));
}

// Appends `text` as a quoted string, escaping '"' and '\' as the grammar wants.
void append_quoted(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    out += '"';
}

void append_literal(std::string& out, std::string_view text) {
    out += '{';
    append_number(out, text.size());
    out += "}\r\n";
    out += text;
}

std::string subject_text(rng& r) {
    std::string s;
    if (r.chance(20)) {
        s = r.pick(encoded_words);
        return s;
    }
    if (r.chance(30)) {
        s = "Re: ";
    }
    const auto count = r.between(2, 7);
    for (std::uint64_t i = 0; i < count; ++i) {
        if (i != 0) {
            s += ' ';
        }
        s += r.pick(words);
    }
    if (r.chance(15)) {
        // Quotes and backslashes inside a subject force escapes on the wire.
        s += " \"final\" C:\\path";
    }
    return s;
}

void append_address(std::string& out, rng& r) {
    out += '(';
    const auto roll = r.next() % 10;
    if (roll < 2) {
        out += "NIL";
    } else if (roll < 4) {
        append_quoted(out, r.pick(encoded_words));
    } else if (roll < 5) {
        // A display name with a comma and a quote, as "O\"Brien, Pat".
        std::string name(r.pick(last_names));
        name += "\", ";
        name += r.pick(first_names);
        append_quoted(out, name);
    } else {
        std::string name(r.pick(first_names));
        name += ' ';
        name += r.pick(last_names);
        append_quoted(out, name);
    }
    out += " NIL ";
    std::string mailbox(r.pick(first_names));
    mailbox += '.';
    mailbox += r.pick(words);
    append_quoted(out, mailbox);
    out += ' ';
    append_quoted(out, r.pick(hosts));
    out += ')';
}

void append_address_list(std::string& out, rng& r, unsigned nil_percent, unsigned max_count) {
    if (r.chance(nil_percent)) {
        out += "NIL";
        return;
    }
    out += '(';
    const auto count = r.between(1, max_count);
    for (std::uint64_t i = 0; i < count; ++i) {
        append_address(out, r);
    }
    out += ')';
}

void append_envelope(std::string& out, rng& r) {
    out += '(';
    // Date.
    if (r.chance(3)) {
        out += "NIL";
    } else {
        char date[64];
        std::snprintf(date, sizeof date, "\"Wed, %llu %s 2024 %02llu:%02llu:%02llu -0700\"",
                      static_cast<unsigned long long>(r.between(1, 28)), r.pick(months).data(),
                      static_cast<unsigned long long>(r.between(0, 23)),
                      static_cast<unsigned long long>(r.between(0, 59)),
                      static_cast<unsigned long long>(r.between(0, 59)));
        out += date;
    }
    out += ' ';
    // Subject: quoted, a literal now and then (servers send one for 8-bit or
    // long subjects), or NIL.
    const auto subject = subject_text(r);
    if (r.chance(4)) {
        out += "NIL";
    } else if (r.chance(8)) {
        append_literal(out, subject);
    } else {
        append_quoted(out, subject);
    }
    out += ' ';
    append_address_list(out, r, 0, 1);  // from
    out += ' ';
    append_address_list(out, r, 10, 1);  // sender
    out += ' ';
    append_address_list(out, r, 10, 1);  // reply-to
    out += ' ';
    append_address_list(out, r, 5, 4);  // to
    out += ' ';
    append_address_list(out, r, 70, 3);  // cc
    out += ' ';
    append_address_list(out, r, 95, 2);  // bcc
    out += ' ';
    if (r.chance(60)) {
        out += "NIL";
    } else {
        out += "\"<";
        append_number(out, r.next() % 1'000'000'000);
        out += "@example.com>\"";
    }
    out += " \"<";
    append_number(out, r.next() % 1'000'000'000);
    out += '.';
    append_number(out, r.next() % 100'000);
    out += "@";
    out += r.pick(hosts);
    out += ">\")";
}

// A single text part: ("TEXT" "PLAIN" params id desc enc size lines ext...).
void append_text_part(std::string& out, rng& r, std::string_view subtype, bool extensions) {
    out += "(\"TEXT\" ";
    append_quoted(out, subtype);
    out += r.chance(85) ? " (\"CHARSET\" \"UTF-8\")" : " NIL";
    out += " NIL NIL ";
    out += r.chance(50) ? "\"QUOTED-PRINTABLE\" " : "\"7BIT\" ";
    append_number(out, r.between(200, 60'000));
    out += ' ';
    append_number(out, r.between(5, 900));
    if (extensions) {
        out += " NIL NIL NIL NIL";
    }
    out += ')';
}

void append_attachment(std::string& out, rng& r) {
    static constexpr std::array<std::string_view, 4> types = {
        "(\"APPLICATION\" \"PDF\" (\"NAME\" \"report.pdf\")",
        "(\"IMAGE\" \"JPEG\" (\"NAME\" \"photo 1.jpg\")",
        "(\"APPLICATION\" \"OCTET-STREAM\" NIL",
        "(\"APPLICATION\" \"VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET\" (\"NAME\" "
        "\"=?UTF-8?Q?Bilan_annuel_=C3=A9t=C3=A9.xlsx?=\")",
    };
    out += r.pick(types);
    out += r.chance(30) ? " \"<part1.abc@example.com>\"" : " NIL";
    out += r.chance(20) ? " \"Quarterly \\\"final\\\" report\"" : " NIL";
    out += " \"BASE64\" ";
    append_number(out, r.between(2'000, 4'000'000));
    // Extension data: md5, disposition, language, location.
    out += " NIL ";
    out += r.chance(80) ? "(\"ATTACHMENT\" (\"FILENAME\" \"report.pdf\"))" : "NIL";
    out += r.chance(20) ? " (\"EN\" \"DE\")" : " NIL";
    out += " NIL)";
}

void append_body(std::string& out, rng& r, int depth);

void append_alternative(std::string& out, rng& r) {
    out += '(';
    append_text_part(out, r, "PLAIN", true);
    append_text_part(out, r, "HTML", true);
    out += " \"ALTERNATIVE\" (\"BOUNDARY\" \"=_alt_";
    append_number(out, r.next() % 100'000'000);
    out += "\") NIL NIL NIL)";
}

void append_mixed(std::string& out, rng& r, int depth) {
    out += '(';
    if (r.chance(50)) {
        append_alternative(out, r);
    } else {
        append_text_part(out, r, "PLAIN", true);
    }
    const auto attachments = r.between(1, 3);
    for (std::uint64_t i = 0; i < attachments; ++i) {
        if (depth < 2 && r.chance(15)) {
            // A forwarded message, with its own envelope and structure.
            out += "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" ";
            append_number(out, r.between(1'000, 90'000));
            out += ' ';
            append_envelope(out, r);
            out += ' ';
            append_body(out, r, depth + 1);
            out += ' ';
            append_number(out, r.between(20, 2'000));
            out += " NIL NIL NIL NIL)";
        } else {
            append_attachment(out, r);
        }
    }
    out += " \"MIXED\" (\"BOUNDARY\" \"----=_Part_";
    append_number(out, r.next() % 100'000'000);
    out += "\") NIL ";
    out += r.chance(10) ? "(\"EN\")" : "NIL";
    out += " NIL)";
}

void append_body(std::string& out, rng& r, int depth) {
    const auto roll = r.next() % 10;
    if (roll < 4) {
        append_text_part(out, r, "PLAIN", true);
    } else if (roll < 7) {
        append_alternative(out, r);
    } else {
        append_mixed(out, r, depth);
    }
}

void append_completion(std::string& out) {
    out += completion_tag;
    out += " OK FETCH completed\r\n";
}

}  // namespace

corpus make_envelope_corpus(std::size_t messages) {
    rng r(0x5eed'0001);
    corpus c{"envelope", std::string(greeting), messages + 2};
    c.bytes.reserve(messages * 1'400);
    for (std::size_t i = 1; i <= messages; ++i) {
        c.bytes += "* ";
        append_number(c.bytes, i);
        c.bytes += " FETCH (UID ";
        append_number(c.bytes, 1'000 + i * 3);
        c.bytes += " FLAGS ";
        c.bytes += r.pick(flag_sets);
        char date[64];
        std::snprintf(date, sizeof date,
                      " INTERNALDATE \"%02llu-%s-2024 %02llu:%02llu:%02llu +0000\"",
                      static_cast<unsigned long long>(r.between(1, 28)), r.pick(months).data(),
                      static_cast<unsigned long long>(r.between(0, 23)),
                      static_cast<unsigned long long>(r.between(0, 59)),
                      static_cast<unsigned long long>(r.between(0, 59)));
        c.bytes += date;
        c.bytes += " RFC822.SIZE ";
        append_number(c.bytes, r.between(800, 5'000'000));
        c.bytes += " ENVELOPE ";
        append_envelope(c.bytes, r);
        c.bytes += " BODYSTRUCTURE ";
        append_body(c.bytes, r, 0);
        c.bytes += ")\r\n";
    }
    append_completion(c.bytes);
    return c;
}

corpus make_body_corpus(std::size_t messages) {
    rng r(0x5eed'0002);
    corpus c{"body", std::string(greeting), messages + 2};
    std::string message;
    for (std::size_t i = 1; i <= messages; ++i) {
        // Every 150th message is 1 MiB; the rest average about 20 KB.
        const std::size_t size = (i % 150 == 0) ? (std::size_t{1} << 20) : r.between(2'000, 38'000);
        message.clear();
        message += "From: ";
        message += r.pick(first_names);
        message += " <";
        message += r.pick(first_names);
        message += '@';
        message += r.pick(hosts);
        message += ">\r\nSubject: ";
        message += subject_text(r);
        message += "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n";
        // Body lines of words; braces and parentheses inside the data must
        // never be read as protocol, so some lines carry them.
        while (message.size() < size) {
            const auto count = r.between(4, 14);
            for (std::uint64_t w = 0; w < count; ++w) {
                message += r.pick(words);
                message += ' ';
            }
            if (r.chance(5)) {
                message += "{42} (see \"quoted\") * 3 FETCH";
            }
            message += "\r\n";
        }
        message.resize(size);
        c.bytes += "* ";
        append_number(c.bytes, i);
        c.bytes += " FETCH (UID ";
        append_number(c.bytes, 50'000 + i);
        c.bytes += " BODY[] ";
        append_literal(c.bytes, message);
        c.bytes += ")\r\n";
    }
    append_completion(c.bytes);
    return c;
}

corpus make_small_fetch_corpus(std::size_t lines) {
    corpus c{"small_fetch", std::string(greeting), lines + 2};
    c.bytes.reserve(lines * 48);
    for (std::size_t i = 1; i <= lines; ++i) {
        c.bytes += "* ";
        append_number(c.bytes, i);
        c.bytes += " FETCH (UID ";
        append_number(c.bytes, i);
        c.bytes += " FLAGS (\\Seen))\r\n";
    }
    append_completion(c.bytes);
    return c;
}

corpus load_captured_corpus(const std::string& directory, std::size_t min_size) {
    // The transcripts that come with an expected.jsonl are the well-formed
    // ones (one JSON line per response); the rest test errors and quirks.
    static constexpr std::array<std::string_view, 4> names = {"rfc3501", "dovecot", "gmail",
                                                              "exchange"};
    corpus c{"captured", {}, 0};
    std::string once;
    std::size_t responses = 0;
    for (auto name : names) {
        const auto base = std::filesystem::path(directory) / std::string(name);
        std::ifstream stream(base.string() + ".imap", std::ios::binary);
        std::ifstream expected(base.string() + ".expected.jsonl", std::ios::binary);
        if (!stream || !expected) {
            continue;
        }
        once.append(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
        std::string line;
        while (std::getline(expected, line)) {
            if (!line.empty()) {
                ++responses;
            }
        }
    }
    if (once.empty()) {
        return c;
    }
    while (c.bytes.size() < min_size) {
        c.bytes += once;
        c.responses += responses;
    }
    return c;
}

}  // namespace uvimap::bench
