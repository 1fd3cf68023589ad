#pragma once
// What a test that holds many connections needs to know about the process:
// how much heap it uses, and whether it may open enough descriptors.

#include <cstddef>

namespace uvimap::test {

// Bytes of heap in use right now: glibc's count (mallinfo2), or the
// sanitizer allocator's in ASan builds, where malloc is ASan's own. Both
// count every malloc and operator new, OpenSSL's and libuv's included.
std::size_t heap_in_use();

// Makes sure this process may have `needed` descriptors open, raising the
// soft limit towards the hard one if it must; fails the test with a message
// that says how to fix it otherwise, instead of letting connections hang or
// fail one by one under `ulimit -n 1024`.
void require_open_files(std::size_t needed);

}  // namespace uvimap::test
