// Untagged data of the mailbox administration extensions: access control
// (RFC 4314 ACL, LISTRIGHTS, MYRIGHTS), quotas (RFC 9208 QUOTA, QUOTAROOT)
// and annotations (RFC 5464 METADATA).
#include "grammar.hpp"

namespace uvimap::wire::detail {

// acl-data = "ACL" SP mailbox *(SP identifier SP rights)
bool grammar::acl_data() {
    wire::acl_data& a = m_response.acl;
    return sp() && astring(a.mailbox) &&
           spaced_to_line_end(
               m_acl_entries, a.entries,
               [&](acl_entry& e) { return astring(e.identifier) && sp() && astring(e.rights); }) &&
           end_of_response();
}

// listrights-data = "LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)
bool grammar::listrights_data() {
    wire::listrights_data& l = m_response.listrights;
    return sp() && astring(l.mailbox) && sp() && astring(l.identifier) && sp() &&
           astring(l.required) &&
           spaced_to_line_end(m_strings, l.optional,
                              [&](string_value& rights) { return astring(rights); }) &&
           end_of_response();
}

// myrights-data = "MYRIGHTS" SP mailbox SP rights
bool grammar::myrights_data() {
    wire::myrights_data& m = m_response.myrights;
    return sp() && astring(m.mailbox) && sp() && astring(m.rights) && end_of_response();
}

// quota-response = "QUOTA" SP quota-root-name SP quota-list, with an empty
// quota list `()` tolerated (Cyrus answers so for a root without limits).
bool grammar::quota_data() {
    wire::quota_data& q = m_response.quota;
    return sp() && astring(q.root) && sp() &&
           list_of(m_quota_resources, q.resources,
                   [&](quota_resource& r) {
                       r.name = atom();
                       if (r.name.empty()) {
                           return fail("resource name");
                       }
                       return sp() && number(r.usage) && sp() && number(r.limit);
                   }) &&
           end_of_response();
}

// quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)
bool grammar::quotaroot_data() {
    wire::quotaroot_data& q = m_response.quotaroot;
    return sp() && astring(q.mailbox) &&
           spaced_to_line_end(m_strings, q.roots,
                              [&](string_value& root) { return astring(root); }) &&
           end_of_response();
}

// metadata-resp = "METADATA" SP mailbox SP (entry-values / entry-list)
// entry-values  = "(" entry SP value *(SP entry SP value) ")"
// entry-list    = entry *(SP entry)
// An entry is an astring, a value nstring or literal8; either may be a
// literal, and the two of a pair often are.
bool grammar::metadata_data() {
    wire::metadata_data& m = m_response.metadata;
    if (!sp() || !astring(m.mailbox)) {
        return false;
    }
    const char* after_mailbox = m_p;
    if (!sp()) {
        return false;
    }
    if (peek() == '(') {
        m.with_values = true;
        return list_of(m_metadata_entries, m.entries,
                       [&](metadata_entry& e) {
                           return astring(e.name) && sp() && nstring(e.value);
                       }) &&
               end_of_response();
    }
    m_p = after_mailbox;
    if (!spaced_to_line_end(m_metadata_entries, m.entries,
                            [&](metadata_entry& e) { return astring(e.name); })) {
        return false;
    }
    if (m.entries.empty()) {
        return fail("entry");
    }
    return end_of_response();
}

}  // namespace uvimap::wire::detail
