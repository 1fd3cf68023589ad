#include "etpan_driver.hpp"

#include <libetpan/libetpan.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

// Every libetpan function used here is exported and declared in the installed
// headers (mailimap.h declares mailimap_read_line() and
// mailimap_parse_response()), so no prototype has to be declared by hand.

namespace uvimap::bench {

namespace {

// The state of the in-memory "socket": the bytes and how far libetpan has
// read them.
struct memory_source {
    const char* data = nullptr;
    std::size_t size = 0;
    std::size_t position = 0;
    std::size_t chunk = 0;
};

memory_source* source_of(mailstream_low* s) {
    return static_cast<memory_source*>(s->data);
}

ssize_t memory_read(mailstream_low* s, void* buffer, size_t count) {
    auto* source = source_of(s);
    const auto n = std::min({count, source->chunk, source->size - source->position});
    std::memcpy(buffer, source->data + source->position, n);
    source->position += n;
    return static_cast<ssize_t>(n);
}

// libetpan writes only when it sends a command (mailimap_free() would send
// LOGOUT, which we avoid); whatever it writes is dropped.
ssize_t memory_write(mailstream_low*, const void*, size_t count) {
    return static_cast<ssize_t>(count);
}

int memory_close(mailstream_low*) {
    return 0;
}

int memory_get_fd(mailstream_low*) {
    return -1;
}

// mailstream_low_free() leaves freeing the mailstream_low itself (allocated
// by mailstream_low_new()) to the driver, as libetpan's socket driver does.
void memory_free(mailstream_low* s) {
    std::free(s);
}

mailstream_low_driver make_driver() {
    mailstream_low_driver driver{};
    driver.mailstream_read = memory_read;
    driver.mailstream_write = memory_write;
    driver.mailstream_close = memory_close;
    driver.mailstream_get_fd = memory_get_fd;
    driver.mailstream_free = memory_free;
    return driver;
}

mailstream_low_driver memory_driver = make_driver();

std::string describe(const char* what, int code, const memory_source& source,
                     std::size_t completions) {
    return std::string(what) + " returned " + std::to_string(code) + " after " +
           std::to_string(completions) + " completions, with " + std::to_string(source.position) +
           " of " + std::to_string(source.size) + " bytes read";
}

}  // namespace

etpan_result etpan_parse(std::string_view bytes, std::size_t chunk) {
    etpan_result result;
    memory_source source{bytes.data(), bytes.size(), 0, chunk};

    mailstream_low* low = mailstream_low_new(&source, &memory_driver);
    // libetpan's socket and TLS streams use a buffer of 8 KiB; ours holds a
    // whole chunk so that libetpan sees the same reads the uvimap parser gets.
    mailstream* stream = mailstream_new(low, chunk);
    mailimap* session = mailimap_new(0, nullptr);

    const int connected = mailimap_connect(session, stream);
    if (connected != MAILIMAP_NO_ERROR_NON_AUTHENTICATED &&
        connected != MAILIMAP_NO_ERROR_AUTHENTICATED) {
        result.error = describe("mailimap_connect", connected, source, 0);
    } else {
        result.ok = true;
        // One mailimap_parse_response() reads every untagged response up to
        // and including the completion, as mailimap_fetch() does after it has
        // sent its command and read the first line.
        // At the end of the bytes mailimap_read_line() hands back an empty
        // line rather than NULL, so the loop stops once both our source and
        // libetpan's read buffer are drained.
        while (source.position < source.size || stream->read_buffer_len != 0) {
            if (mailimap_read_line(session) == nullptr) {
                break;
            }
            mailimap_response* response = nullptr;
            const int r = mailimap_parse_response(session, &response);
            // PROTOCOL means the completion's tag is not the one libetpan
            // would have sent (it numbers its tags itself) or the status is
            // BAD; FATAL means BYE. Both come after the whole response was
            // parsed and stored, so the parsing work is done either way.
            if (r != MAILIMAP_NO_ERROR && r != MAILIMAP_ERROR_PROTOCOL &&
                r != MAILIMAP_ERROR_FATAL) {
                result.ok = false;
                result.error = describe("mailimap_parse_response", r, source, result.completions);
                // libetpan's buffer holds every line of this call; the last
                // one is the response it does not know.
                const MMAPString* buffer = session->imap_stream_buffer;
                std::string_view lines(buffer->str, buffer->len);
                while (!lines.empty() && (lines.back() == '\n' || lines.back() == '\r')) {
                    lines.remove_suffix(1);
                }
                const auto last = lines.rfind('\n');
                lines.remove_prefix(last == std::string_view::npos ? 0 : last + 1);
                result.error += ", on: ";
                result.error.append(lines.substr(0, 120));
                break;
            }
            ++result.completions;
            if (session->imap_response_info != nullptr &&
                session->imap_response_info->rsp_fetch_list != nullptr) {
                result.fetches += static_cast<std::size_t>(
                    clist_count(session->imap_response_info->rsp_fetch_list));
            }
            if (response != nullptr) {
                mailimap_response_free(response);
            }
        }
    }

    // Closing the stream first keeps mailimap_free() from sending LOGOUT.
    if (session->imap_stream != nullptr) {
        mailstream_close(session->imap_stream);
        session->imap_stream = nullptr;
    } else {
        mailstream_close(stream);
    }
    mailimap_free(session);
    return result;
}

}  // namespace uvimap::bench
