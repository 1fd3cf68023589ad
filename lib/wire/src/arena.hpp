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

    void* allocate(std::size_t bytes, std::size_t align);

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
    struct block {
        std::unique_ptr<std::byte[]> data;
        std::size_t size = 0;
    };
    std::vector<block> m_blocks;
    std::size_t m_block = 0;
    std::size_t m_used = 0;
};

}  // namespace uvimap::wire::detail
