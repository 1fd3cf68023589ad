#include "peak_memory.hpp"

#include <sys/resource.h>

#include <fstream>
#include <string>

namespace uvimap::app {

long peak_resident_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("VmHWM:")) {
            return std::stol(line.substr(6));  // "VmHWM:	   18012 kB"
        }
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace uvimap::app
