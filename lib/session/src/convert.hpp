// Copies of the parser's views into the session's owned result types.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/session/results.hpp"
#include "uvimap/wire/mutf7.hpp"
#include "uvimap/wire/response.hpp"

namespace uvimap::session::detail {

std::vector<std::string> to_strings(std::span<const std::string_view> atoms);
std::optional<std::string> to_optional(const wire::string_value& value);
response_code to_code(const wire::response_code& code);

// A mailbox name from the wire in UTF-8; a name that does not decode (a
// server sending raw 8-bit or broken modified UTF-7) is kept as sent.
std::string decode_name(std::string_view raw, wire::name_encoding encoding);

mailbox_entry to_entry(const wire::list_data& list, wire::name_encoding encoding);
mailbox_status to_status(const wire::status_data& status, wire::name_encoding encoding);
fetch_message to_message(const wire::response& fetch);
search_result to_search(const wire::search_data& search);
// ESEARCH's ALL is expanded to numbers, at most max_search_numbers of them;
// nullopt for more, or for an ALL that is not a valid set.
inline constexpr std::size_t max_search_numbers = 10'000'000;
std::optional<search_result> to_search(const wire::esearch_data& esearch);
namespaces to_namespaces(const wire::namespace_data& data);
id_fields to_id(std::span<const wire::id_param> params);

// Lower-cases ASCII (MIME types, parameter names, encodings).
std::string lower(std::string_view text);
// Case-insensitive ASCII equality (flags, INBOX, parameter names).
bool same_ascii(std::string_view a, std::string_view b) noexcept;

}  // namespace uvimap::session::detail
