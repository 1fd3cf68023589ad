#include "arena.hpp"

#include <algorithm>

namespace uvimap::wire::detail {

namespace {
constexpr std::size_t k_block_size = 64 * 1024;
}

void* arena::allocate_slow(std::size_t bytes, std::size_t align) {
    for (;;) {
        if (void* here = allocate_in_current(bytes, align)) {
            return here;
        }
        if (m_block < m_blocks.size()) {
            block& b = m_blocks[m_block];
            if (m_used == 0 && bytes > b.size) {
                // Too small for this request even when empty: replace it, so
                // that a block list reused across responses keeps its shape.
                b.data.reset(new std::byte[bytes]);
                b.size = bytes;
                continue;
            }
            ++m_block;
            m_used = 0;
            continue;
        }
        const std::size_t size = std::max(k_block_size, bytes + align);
        m_blocks.push_back({std::unique_ptr<std::byte[]>(new std::byte[size]), size});
    }
}

}  // namespace uvimap::wire::detail
