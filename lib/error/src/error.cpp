#include "uvimap/error.hpp"

namespace uvimap {

const code_description* table_category::find(int value) const noexcept {
    if (value < 1 || static_cast<std::size_t>(value) > m_codes.size()) {
        return nullptr;
    }
    return &m_codes[static_cast<std::size_t>(value) - 1];
}

std::string table_category::message(int value) const {
    const code_description* code = find(value);
    return code != nullptr ? std::string(code->message) : "unknown error " + std::to_string(value);
}

std::string_view table_category::code_name(int value) const noexcept {
    const code_description* code = find(value);
    return code != nullptr ? code->name : "unknown";
}

std::string code_name(const std::error_code& code) {
    if (const auto* ours = dynamic_cast<const error_category*>(&code.category())) {
        return std::string(ours->code_name(code.value()));
    }
    return std::string(code.category().name()) + ":" + std::to_string(code.value());
}

error::error(std::error_code code, const std::string& message, int native_code)
    : std::runtime_error(message), m_code(code), m_native_code(native_code) {}

}  // namespace uvimap
