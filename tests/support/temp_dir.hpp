// A private temporary directory for one test case, removed with everything
// in it when the case ends.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace uvimap::test {

class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const noexcept { return m_path; }

    // Writes `contents` to the file `name` in the directory with `mode`
    // (as chmod sets it, whatever the umask) and returns its path.
    std::string write(std::string_view name, std::string_view contents, unsigned mode = 0600) const;

private:
    std::filesystem::path m_path;
};

}  // namespace uvimap::test
