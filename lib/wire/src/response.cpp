#include "uvimap/wire/response.hpp"

#include <cstddef>
#include <iterator>

namespace uvimap::wire {

namespace {

// k_data_kinds holds each kind once, at the index of its value. A kind added
// to the enum but not to the list is caught by the wire tests ("every data
// kind is walked"), which count the kinds to_string() can name.
constexpr bool kinds_in_order() {
    for (std::size_t i = 0; i < std::size(k_data_kinds); ++i) {
        if (static_cast<std::size_t>(k_data_kinds[i]) != i) {
            return false;
        }
    }
    return true;
}
static_assert(kinds_in_order());

}  // namespace

std::string_view to_string(response_type type) noexcept {
    switch (type) {
        case response_type::untagged:
            return "untagged";
        case response_type::tagged:
            return "tagged";
        case response_type::continuation:
            return "continuation";
        case response_type::malformed:
            return "malformed";
    }
    return "unknown";
}

std::string_view to_string(status_kind s) noexcept {
    switch (s) {
        case status_kind::none:
            return "";
        case status_kind::ok:
            return "OK";
        case status_kind::no:
            return "NO";
        case status_kind::bad:
            return "BAD";
        case status_kind::bye:
            return "BYE";
        case status_kind::preauth:
            return "PREAUTH";
    }
    return "unknown";
}

std::string_view to_string(code_kind kind) noexcept {
    switch (kind) {
        case code_kind::none:
            return "";
        case code_kind::alert:
            return "ALERT";
        case code_kind::badcharset:
            return "BADCHARSET";
        case code_kind::capability:
            return "CAPABILITY";
        case code_kind::parse:
            return "PARSE";
        case code_kind::permanentflags:
            return "PERMANENTFLAGS";
        case code_kind::read_only:
            return "READ-ONLY";
        case code_kind::read_write:
            return "READ-WRITE";
        case code_kind::trycreate:
            return "TRYCREATE";
        case code_kind::uidnext:
            return "UIDNEXT";
        case code_kind::uidvalidity:
            return "UIDVALIDITY";
        case code_kind::unseen:
            return "UNSEEN";
        case code_kind::highestmodseq:
            return "HIGHESTMODSEQ";
        case code_kind::nomodseq:
            return "NOMODSEQ";
        case code_kind::appenduid:
            return "APPENDUID";
        case code_kind::copyuid:
            return "COPYUID";
        case code_kind::closed:
            return "CLOSED";
        case code_kind::other:
            return "other";
    }
    return "unknown";
}

std::string_view to_string(data_kind kind) noexcept {
    switch (kind) {
        case data_kind::none:
            return "";
        case data_kind::capability:
            return "CAPABILITY";
        case data_kind::enabled:
            return "ENABLED";
        case data_kind::id:
            return "ID";
        case data_kind::namespace_:
            return "NAMESPACE";
        case data_kind::list:
            return "LIST";
        case data_kind::lsub:
            return "LSUB";
        case data_kind::status:
            return "STATUS";
        case data_kind::flags:
            return "FLAGS";
        case data_kind::exists:
            return "EXISTS";
        case data_kind::recent:
            return "RECENT";
        case data_kind::expunge:
            return "EXPUNGE";
        case data_kind::search:
            return "SEARCH";
        case data_kind::esearch:
            return "ESEARCH";
        case data_kind::vanished:
            return "VANISHED";
        case data_kind::fetch:
            return "FETCH";
        case data_kind::other:
            return "other";
        case data_kind::xlist:
            return "XLIST";
        case data_kind::acl:
            return "ACL";
        case data_kind::listrights:
            return "LISTRIGHTS";
        case data_kind::myrights:
            return "MYRIGHTS";
        case data_kind::quota:
            return "QUOTA";
        case data_kind::quotaroot:
            return "QUOTAROOT";
        case data_kind::metadata:
            return "METADATA";
    }
    return "unknown";
}

std::string_view to_string(fetch_item_kind kind) noexcept {
    switch (kind) {
        case fetch_item_kind::flags:
            return "FLAGS";
        case fetch_item_kind::uid:
            return "UID";
        case fetch_item_kind::internaldate:
            return "INTERNALDATE";
        case fetch_item_kind::rfc822_size:
            return "RFC822.SIZE";
        case fetch_item_kind::modseq:
            return "MODSEQ";
        case fetch_item_kind::envelope:
            return "ENVELOPE";
        case fetch_item_kind::body:
            return "BODY";
        case fetch_item_kind::bodystructure:
            return "BODYSTRUCTURE";
        case fetch_item_kind::body_section:
            return "BODY[]";
        case fetch_item_kind::binary:
            return "BINARY[]";
        case fetch_item_kind::binary_size:
            return "BINARY.SIZE[]";
        case fetch_item_kind::rfc822:
            return "RFC822";
        case fetch_item_kind::rfc822_header:
            return "RFC822.HEADER";
        case fetch_item_kind::rfc822_text:
            return "RFC822.TEXT";
        case fetch_item_kind::x_gm_msgid:
            return "X-GM-MSGID";
        case fetch_item_kind::x_gm_thrid:
            return "X-GM-THRID";
        case fetch_item_kind::x_gm_labels:
            return "X-GM-LABELS";
        case fetch_item_kind::unknown:
            return "unknown";
    }
    return "unknown";
}

std::string_view to_string(string_form form) noexcept {
    switch (form) {
        case string_form::nil:
            return "nil";
        case string_form::atom:
            return "atom";
        case string_form::quoted:
            return "quoted";
        case string_form::literal:
            return "literal";
        case string_form::binary_literal:
            return "binary_literal";
        case string_form::streamed:
            return "streamed";
    }
    return "unknown";
}

}  // namespace uvimap::wire
