// Sequence sets and UID sets: compaction, formatting, strict parsing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "uvimap/wire/sequence_set.hpp"

using namespace uvimap::wire;

namespace {

std::string compact(std::vector<std::uint32_t> numbers) {
    auto set = sequence_set::from_numbers(numbers);
    REQUIRE(set.has_value());
    return set->to_string();
}

}  // namespace

TEST_SUITE("sequence sets") {
    TEST_CASE("sorted numbers are compacted into ranges") {
        CHECK(compact({1, 2, 3, 5, 7, 8, 9}) == "1:3,5,7:9");
        CHECK(compact({42}) == "42");
        CHECK(compact({1, 3, 5}) == "1,3,5");
        CHECK(compact({4294967294u, 4294967295u}) == "4294967294:4294967295");
    }

    TEST_CASE("unsorted numbers with duplicates are sorted and deduplicated first") {
        CHECK(compact({9, 1, 8, 2, 3, 5, 7, 3, 1}) == "1:3,5,7:9");
        CHECK(compact({5, 5, 5}) == "5");
    }

    TEST_CASE("an empty list and a zero are rejected") {
        std::vector<std::uint32_t> none;
        auto empty = sequence_set::from_numbers(none);
        REQUIRE_FALSE(empty.has_value());
        CHECK(empty.error().code == sequence_set_errc::empty);

        std::vector<std::uint32_t> with_zero{3, 0, 4};
        auto zero = sequence_set::from_numbers(with_zero);
        REQUIRE_FALSE(zero.has_value());
        CHECK(zero.error() == sequence_set_error{sequence_set_errc::zero, 1});
    }

    TEST_CASE("star is formatted and parsed") {
        CHECK(sequence_set::all().to_string() == "1:*");
        sequence_set s;
        s.add(seq_range{5, star});
        s.add(star);
        CHECK(s.to_string() == "5:*,*");
        CHECK(s.has_star());
        auto parsed = parse_sequence_set("5:*,*");
        REQUIRE(parsed.has_value());
        CHECK(*parsed == s);
    }

    TEST_CASE("parsed sets keep their ranges as written") {
        const char* inputs[] = {"1",          "1:3,5,7:9", "5:3", "*:4", "2,4:7,9,12:*",
                                "4294967295", "1,1,1",     "3:3"};
        for (const char* text : inputs) {
            CAPTURE(text);
            auto set = parse_sequence_set(text);
            REQUIRE(set.has_value());
            // "3:3" is a valid spelling of 3; the formatter writes the short form.
            if (std::string_view(text) == "3:3") {
                CHECK(set->to_string() == "3");
            } else {
                CHECK(set->to_string() == text);
            }
        }
    }

    TEST_CASE("malformed sets are rejected with offset and reason") {
        struct bad {
            const char* text;
            sequence_set_errc code;
            std::size_t offset;
        };
        const bad cases[] = {
            {"", sequence_set_errc::empty, 0},
            {"0", sequence_set_errc::zero, 0},
            {"1:0", sequence_set_errc::zero, 2},
            {"4294967296", sequence_set_errc::overflow, 0},
            {"99999999999999999999999", sequence_set_errc::overflow, 0},
            {"01", sequence_set_errc::leading_zero, 0},
            {"1,", sequence_set_errc::expected_number, 2},
            {",1", sequence_set_errc::expected_number, 0},
            {"1:", sequence_set_errc::expected_number, 2},
            {"1::2", sequence_set_errc::expected_number, 2},
            {"1 2", sequence_set_errc::unexpected_character, 1},
            {"1:2:3", sequence_set_errc::unexpected_character, 3},
            {"-1", sequence_set_errc::expected_number, 0},
            {"a", sequence_set_errc::expected_number, 0},
        };
        for (const bad& b : cases) {
            CAPTURE(b.text);
            auto set = parse_sequence_set(b.text);
            REQUIRE_FALSE(set.has_value());
            CHECK(to_string(set.error().code) == to_string(b.code));
            CHECK(set.error().offset == b.offset);
        }
    }

    TEST_CASE("UID sets as in COPYUID refuse star") {
        auto ok = parse_uid_set("304,319:320");
        REQUIRE(ok.has_value());
        CHECK(ok->ranges() == std::vector<seq_range>{{304, 304}, {319, 320}});
        auto bad = parse_uid_set("1:*");
        REQUIRE_FALSE(bad.has_value());
        CHECK(bad.error() == sequence_set_error{sequence_set_errc::star_not_allowed, 2});
    }

    TEST_CASE("membership and expansion read star as the largest number") {
        auto set = parse_sequence_set("2,4:6,9:*");
        REQUIRE(set.has_value());
        CHECK(set->contains(5, 10));
        CHECK_FALSE(set->contains(7, 10));
        CHECK(set->contains(10, 10));
        CHECK(set->expand(10, 100) == std::vector<std::uint32_t>{2, 4, 5, 6, 9, 10});
        auto reversed = parse_sequence_set("6:4");
        REQUIRE(reversed.has_value());
        CHECK(reversed->expand(10, 100) == std::vector<std::uint32_t>{6, 5, 4});
        // A hostile huge range is refused rather than allocated.
        auto huge = parse_sequence_set("1:4294967295");
        REQUIRE(huge.has_value());
        CHECK(huge->expand(0, 1000).empty());
    }

    TEST_CASE("random number lists survive compact, format and parse") {
        std::mt19937 rng(3501);
        for (int iteration = 0; iteration < 500; ++iteration) {
            std::vector<std::uint32_t> numbers;
            const int n = std::uniform_int_distribution<int>(1, 40)(rng);
            for (int i = 0; i < n; ++i) {
                numbers.push_back(std::uniform_int_distribution<std::uint32_t>(1, 60)(rng));
            }
            auto set = sequence_set::from_numbers(numbers);
            REQUIRE(set.has_value());
            auto parsed = parse_sequence_set(set->to_string());
            REQUIRE(parsed.has_value());
            CHECK(*parsed == *set);
            std::vector<std::uint32_t> expected_numbers = numbers;
            std::sort(expected_numbers.begin(), expected_numbers.end());
            expected_numbers.erase(std::unique(expected_numbers.begin(), expected_numbers.end()),
                                   expected_numbers.end());
            CHECK(parsed->expand(60, 1000) == expected_numbers);
        }
    }
}
