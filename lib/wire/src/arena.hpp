// A bump allocator whose blocks are kept across resets, so that the spans the
// grammar hands out stay put while a response is built and cost no heap
// allocation once the blocks have grown to the largest response seen.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

namespace uvimap::wire::detail {

class arena {
public:
    void reset() noexcept {
        m_block = 0;
        m_used = 0;
    }

    // `align` must be a power of two. The fast path (room in the current
    // block) is inline: the grammar allocates several times per response.
    void* allocate(std::size_t bytes, std::size_t align) {
        if (void* here = allocate_in_current(bytes, align)) {
            return here;
        }
        return allocate_slow(bytes, align);
    }

    // Grows the arena's last allocation, which starts at `last` and holds
    // `bytes`, by `more` bytes in place if its block has room. A list whose
    // elements allocate nothing can so be built straight in the arena.
    bool try_extend(const void* last, std::size_t bytes, std::size_t more) noexcept {
        if (m_block >= m_blocks.size()) {
            return false;
        }
        const block& b = m_blocks[m_block];
        if (static_cast<const std::byte*>(last) + bytes != b.data.get() + m_used ||
            more > b.size - m_used) {
            return false;
        }
        m_used += more;
        return true;
    }

    // Copies `src` into the arena. The grammar builds lists in scratch vectors
    // (which move as they grow) and freezes each list here when it closes.
    template <class T>
    std::span<const T> copy(const T* src, std::size_t n) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (n == 0) {
            return {};
        }
        T* dst = static_cast<T*>(allocate(sizeof(T) * n, alignof(T)));
        std::memcpy(static_cast<void*>(dst), src, sizeof(T) * n);
        return {dst, n};
    }

    template <class T>
    const T* copy_one(const T& value) {
        return copy(&value, 1).data();
    }

private:
    // Room in the current block, or nullptr.
    void* allocate_in_current(std::size_t bytes, std::size_t align) noexcept {
        if (m_block >= m_blocks.size()) {
            return nullptr;
        }
        block& b = m_blocks[m_block];
        const std::size_t at = (m_used + align - 1) & ~(align - 1);
        if (at > b.size || bytes > b.size - at) {
            return nullptr;
        }
        m_used = at + bytes;
        return b.data.get() + at;
    }
    void* allocate_slow(std::size_t bytes, std::size_t align);

    struct block {
        std::unique_ptr<std::byte[]> data;
        std::size_t size = 0;
    };
    std::vector<block> m_blocks;
    std::size_t m_block = 0;
    std::size_t m_used = 0;
};

}  // namespace uvimap::wire::detail
