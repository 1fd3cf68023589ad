// --shard I/N: parsing, the pinned hash, and the partition property that
// lets the outputs of N shards be concatenated.

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "shard.hpp"

using namespace uvimap::app;

namespace {

account account_of(const std::string& url) {
    auto parsed = parse_account_url(url);
    REQUIRE(parsed.has_value());
    return *parsed;
}

}  // namespace

TEST_SUITE("cli: shard") {
    TEST_CASE("I/N parses for 0 <= I < N") {
        for (auto [text, index, count] : {std::tuple{"0/1", 0u, 1u},
                                          {"0/8", 0u, 8u},
                                          {"7/8", 7u, 8u},
                                          {"4294967294/4294967295", 4294967294u, 4294967295u}}) {
            CAPTURE(text);
            auto s = parse_shard(text);
            REQUIRE(s.has_value());
            CHECK(s->index == index);
            CHECK(s->count == count);
        }
    }

    TEST_CASE("bad shards are refused with a message") {
        const std::pair<const char*, const char*> cases[] = {
            {"8/8", "the shard index 8 must be below the count 8 (indexes count from 0"},
            {"9/8", "must be below the count 8"},
            {"0/0", "the shard count must be at least 1"},
            {"1", "--shard takes I/N"},
            {"", "--shard takes I/N"},
            {"/8", "whole numbers"},
            {"1/", "whole numbers"},
            {"-1/8", "whole numbers"},
            {"1/8/2", "whole numbers"},
            {" 1/8", "whole numbers"},
            {"1/4294967296", "whole numbers"},
            {"a/b", "whole numbers"},
        };
        for (const auto& [text, gist] : cases) {
            CAPTURE(text);
            auto s = parse_shard(text);
            REQUIRE_FALSE(s.has_value());
            CHECK(s.error().find(gist) != std::string::npos);
        }
    }

    TEST_CASE("the hash is pinned: FNV-1a 64 then MurmurHash3's finaliser") {
        // Changing these values would move accounts between the shards of
        // jobs already running on several machines with different versions.
        CHECK(account_hash("") == 0xefd01f60ba992926ULL);
        CHECK(account_hash("imaps://alice@imap.example.com") == 0x5bf516b818936335ULL);
        CHECK(account_hash("imap://bob@mail.example.org:1143") == 0x274899414f45aaccULL);
        CHECK(account_hash("imaps://user0001@127.0.0.1:10993") == 0x0ee660c248ad9379ULL);
    }

    TEST_CASE("accounts are sharded by their canonical URL, however they were written") {
        const shard s{5, 8};
        CHECK(in_shard(account_of("imaps://alice@imap.example.com"), s));
        CHECK(in_shard(account_of("IMAPS://alice@IMAP.example.com:993/"), s));
        CHECK(in_shard(account_of("imaps://%61lice;AUTH=*@imap.example.com"), s));
    }

    TEST_CASE("N shards partition any list: every account in exactly one") {
        std::vector<account> accounts;
        for (int i = 1; i <= 1000; ++i) {
            accounts.push_back(account_of("imaps://user" + std::to_string(10000 + i).substr(1) +
                                          "@127.0.0.1:10993"));
            accounts.push_back(account_of("imap://u" + std::to_string(i) + "@host" +
                                          std::to_string(i % 7) + ".example"));
        }
        for (std::uint32_t count : {1u, 2u, 3u, 7u, 8u, 16u, 64u, 1000u}) {
            CAPTURE(count);
            std::map<std::string, int> seen;
            std::vector<std::size_t> sizes(count);
            for (std::uint32_t index = 0; index < count; ++index) {
                for (const account& a : accounts) {
                    if (in_shard(a, shard{index, count})) {
                        ++seen[a.url];
                        ++sizes[index];
                    }
                }
            }
            CHECK(seen.size() == accounts.size());
            for (const auto& [url, times] : seen) {
                CAPTURE(url);
                CHECK(times == 1);
            }
            if (count <= 16) {
                // Each shard gets its share, give or take: no shard is
                // starved by the similar names.
                const double share = static_cast<double>(accounts.size()) / count;
                for (std::size_t size : sizes) {
                    CHECK(static_cast<double>(size) > share * 0.75);
                    CHECK(static_cast<double>(size) < share * 1.25);
                }
            }
        }
    }

    TEST_CASE("names that differ only in the last digit spread over power-of-two counts") {
        // user1 and user9 differ only in bit 3 of the last byte; FNV-1a
        // alone would keep them together modulo 8.
        std::map<std::uint64_t, int> shards;
        for (char digit = '0'; digit <= '9'; ++digit)
            ++shards[account_hash(std::string("imaps://user") + digit + "@host") % 8];
        CHECK(shards.size() >= 5);
    }
}
