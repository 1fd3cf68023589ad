#include "support/temp_dir.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace uvimap::test {

temp_dir::temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "uvimap-cli-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

temp_dir::~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::string temp_dir::write(std::string_view name, std::string_view contents, unsigned mode) const {
    const std::string file = (m_path / name).string();
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        if (!out)
            throw std::runtime_error("cannot write " + file);
    }
    if (::chmod(file.c_str(), mode) != 0)
        throw std::runtime_error("cannot chmod " + file);
    return file;
}

}  // namespace uvimap::test
