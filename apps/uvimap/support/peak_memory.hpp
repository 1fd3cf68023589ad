// The peak resident set of this process, for --stats and the benchmarks.
//
// Not getrusage's ru_maxrss: Linux carries that across exec(), so a program
// started by a big parent (a Python benchmark driver) reports the parent's
// size when its own is smaller. /proc/self/status's VmHWM starts afresh with
// the program.
#pragma once

namespace uvimap::app {

// VmHWM in KiB; ru_maxrss where /proc is not there.
long peak_resident_kib();

}  // namespace uvimap::app
