// --shard I/N: a deterministic slice of the account list, so that N
// processes on N machines (a Kubernetes Indexed Job, GNU parallel, a Slurm
// job array) share one accounts file without talking to each other.
//
// I counts from 0, like Kubernetes' JOB_COMPLETION_INDEX and Slurm's
// SLURM_ARRAY_TASK_ID with --array=0-(N-1). An account belongs to shard
// account_hash(canonical URL) mod N: every account to exactly one shard,
// whatever the order or the other lines of the file, so the JSON-lines
// outputs of the N shards, concatenated, hold exactly the lines of one
// unsharded run.
//
// The hash is part of the interface, stable across machines and versions:
// 64-bit FNV-1a of the canonical URL's bytes (offset basis
// 0xcbf29ce484222325, prime 0x100000001b3), then MurmurHash3's 64-bit
// finaliser (x ^= x >> 33; x *= 0xff51afd7ed558ccd; x ^= x >> 33;
// x *= 0xc4ceb9fe1a85ec53; x ^= x >> 33). The finaliser matters: the low
// bits of FNV-1a depend only on the low bits of the input bytes, so without
// it user1 and user9 would always share a shard of a power-of-two count.
// docs/scale-out.md shows the same computation in Python.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "account_url.hpp"
#include "uvimap/wire/expected.hpp"

namespace uvimap::app {

struct shard {
    std::uint32_t index = 0;
    std::uint32_t count = 1;  // 1: everything, the default
};

// Parses "I/N" (decimal, 1 <= N <= 2^32 - 1, 0 <= I < N). Errors are
// messages, e.g. "the shard index 8 must be below the count 8 (indexes
// count from 0)".
wire::expected<shard, std::string> parse_shard(std::string_view text);

// The hash above, of a canonical account URL.
std::uint64_t account_hash(std::string_view canonical_url) noexcept;

// True if `a` belongs to shard `s`.
bool in_shard(const account& a, shard s) noexcept;

}  // namespace uvimap::app
