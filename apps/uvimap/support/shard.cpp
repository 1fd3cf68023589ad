#include "shard.hpp"

#include <limits>
#include <optional>

namespace uvimap::app {

namespace {

std::optional<std::uint32_t> parse_number(std::string_view digits) {
    if (digits.empty())
        return std::nullopt;
    std::uint64_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > std::numeric_limits<std::uint32_t>::max())
            return std::nullopt;
    }
    return static_cast<std::uint32_t>(value);
}

}  // namespace

wire::expected<shard, std::string> parse_shard(std::string_view text) {
    using failure = wire::unexpected<std::string>;
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return failure("--shard takes I/N, e.g. 0/8 for the first of eight shards");
    const std::optional<std::uint32_t> index = parse_number(text.substr(0, slash));
    const std::optional<std::uint32_t> count = parse_number(text.substr(slash + 1));
    if (!index || !count)
        return failure("--shard takes I/N with whole numbers, e.g. 0/8 for the first of eight");
    if (*count == 0)
        return failure("the shard count must be at least 1");
    if (*index >= *count) {
        return failure("the shard index " + std::to_string(*index) + " must be below the count " +
                       std::to_string(*count) +
                       " (indexes count from 0, like "
                       "JOB_COMPLETION_INDEX)");
    }
    return shard{*index, *count};
}

std::uint64_t account_hash(std::string_view canonical_url) noexcept {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : canonical_url) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    hash ^= hash >> 33;
    return hash;
}

bool in_shard(const account& a, shard s) noexcept {
    return account_hash(a.url) % s.count == s.index;
}

}  // namespace uvimap::app
