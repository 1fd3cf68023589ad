#include "uvimap/wire/command.hpp"

namespace uvimap::wire {
namespace {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace

std::string_view to_string(fetch_att_kind a) {
    switch (a) {
        case fetch_att_kind::all:
            return "ALL";
        case fetch_att_kind::fast:
            return "FAST";
        case fetch_att_kind::full:
            return "FULL";
        case fetch_att_kind::flags:
            return "FLAGS";
        case fetch_att_kind::uid:
            return "UID";
        case fetch_att_kind::internaldate:
            return "INTERNALDATE";
        case fetch_att_kind::rfc822_size:
            return "RFC822.SIZE";
        case fetch_att_kind::envelope:
            return "ENVELOPE";
        case fetch_att_kind::bodystructure:
            return "BODYSTRUCTURE";
        case fetch_att_kind::body:
            return "BODY";
        case fetch_att_kind::rfc822:
            return "RFC822";
        case fetch_att_kind::rfc822_header:
            return "RFC822.HEADER";
        case fetch_att_kind::rfc822_text:
            return "RFC822.TEXT";
        case fetch_att_kind::modseq:
            return "MODSEQ";
        case fetch_att_kind::body_section:
            return "BODY";
        case fetch_att_kind::binary:
            return "BINARY";
        case fetch_att_kind::binary_size:
            return "BINARY.SIZE";
    }
    return "";
}

std::string_view to_string(search_kind k) {
    switch (k) {
        case search_kind::all:
            return "ALL";
        case search_kind::answered:
            return "ANSWERED";
        case search_kind::deleted:
            return "DELETED";
        case search_kind::draft:
            return "DRAFT";
        case search_kind::flagged:
            return "FLAGGED";
        case search_kind::seen:
            return "SEEN";
        case search_kind::new_:
            return "NEW";
        case search_kind::old:
            return "OLD";
        case search_kind::recent:
            return "RECENT";
        case search_kind::unanswered:
            return "UNANSWERED";
        case search_kind::undeleted:
            return "UNDELETED";
        case search_kind::undraft:
            return "UNDRAFT";
        case search_kind::unflagged:
            return "UNFLAGGED";
        case search_kind::unseen:
            return "UNSEEN";
        case search_kind::keyword:
            return "KEYWORD";
        case search_kind::unkeyword:
            return "UNKEYWORD";
        case search_kind::bcc:
            return "BCC";
        case search_kind::body:
            return "BODY";
        case search_kind::cc:
            return "CC";
        case search_kind::from:
            return "FROM";
        case search_kind::subject:
            return "SUBJECT";
        case search_kind::text:
            return "TEXT";
        case search_kind::to:
            return "TO";
        case search_kind::header:
            return "HEADER";
        case search_kind::before:
            return "BEFORE";
        case search_kind::on:
            return "ON";
        case search_kind::since:
            return "SINCE";
        case search_kind::sentbefore:
            return "SENTBEFORE";
        case search_kind::senton:
            return "SENTON";
        case search_kind::sentsince:
            return "SENTSINCE";
        case search_kind::larger:
            return "LARGER";
        case search_kind::smaller:
            return "SMALLER";
        case search_kind::modseq:
            return "MODSEQ";
        case search_kind::uid:
            return "UID";
        case search_kind::sequence:
            return "";
        case search_kind::not_:
            return "NOT";
        case search_kind::or_:
            return "OR";
        case search_kind::and_:
            return "";
    }
    return "";
}

std::string_view to_string(search_return r) {
    switch (r) {
        case search_return::min:
            return "MIN";
        case search_return::max:
            return "MAX";
        case search_return::count:
            return "COUNT";
        case search_return::all:
            return "ALL";
        case search_return::save:
            return "SAVE";
    }
    return "";
}

std::string_view command_name(const command& cmd) {
    return std::visit(
        overloaded{
            []<bare_command C>(const C&) -> std::string_view { return C::keyword; },
            [](const login_command&) -> std::string_view { return "LOGIN"; },
            [](const authenticate_command&) -> std::string_view { return "AUTHENTICATE"; },
            [](const enable_command&) -> std::string_view { return "ENABLE"; },
            [](const id_command&) -> std::string_view { return "ID"; },
            [](const list_command&) -> std::string_view { return "LIST"; },
            [](const lsub_command&) -> std::string_view { return "LSUB"; },
            [](const status_command&) -> std::string_view { return "STATUS"; },
            [](const select_command& c) -> std::string_view {
                return c.read_only ? "EXAMINE" : "SELECT";
            },
            [](const fetch_command& c) -> std::string_view {
                return c.uid ? "UID FETCH" : "FETCH";
            },
            [](const search_command& c) -> std::string_view {
                return c.uid ? "UID SEARCH" : "SEARCH";
            },
        },
        cmd);
}

}  // namespace uvimap::wire
