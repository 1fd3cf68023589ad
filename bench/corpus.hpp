// Deterministic IMAP server streams for the parser benchmarks.
//
// Every corpus is generated in memory from a fixed seed with our own small
// PRNG (not std:: distributions, whose output differs between standard
// libraries), so that two runs on two machines measure the same bytes. Each
// stream starts with a greeting, because libetpan's mailimap_connect() reads
// one before anything else, and ends with the tagged OK that completes the
// FETCH, because libetpan's mailimap_parse_response() reads up to it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace uvimap::bench {

// The tag of the completion that ends every generated corpus.
inline constexpr const char* completion_tag = "A1";

struct corpus {
    std::string name;
    std::string bytes;
    // Responses the stream holds (greeting and completion included), as a
    // correct parser must count them; the benchmarks check it.
    std::size_t responses = 0;
};

// A FETCH of UID, FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE and BODYSTRUCTURE
// for `messages` messages of varied shapes: plain text, multipart/alternative,
// multipart/mixed with attachments, message/rfc822, encoded words, quoted
// strings with escapes, literals in envelope fields, NIL where the grammar
// allows it.
corpus make_envelope_corpus(std::size_t messages = 10'000);

// A FETCH of whole messages, `BODY[] {n}` literals of about 20 KB on average
// and a few of 1 MiB.
corpus make_body_corpus(std::size_t messages = 600);

// `lines` responses of the form `* n FETCH (UID n FLAGS (\Seen))`.
corpus make_small_fetch_corpus(std::size_t lines = 1'000'000);

// The captured server transcripts of tests/wire/corpus that parse without a
// single malformed response, concatenated and repeated until the stream is
// at least `min_size` bytes long. Empty when the directory is missing.
corpus load_captured_corpus(const std::string& directory, std::size_t min_size = 4u << 20);

}  // namespace uvimap::bench
