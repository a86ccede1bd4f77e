//===- Target.h - Description of the FPGA board the compiler targets ------===//
//
// The numbers the compiler needs about the board: clock, resources per die
// (SLR), on-chip memory, HBM and the latency of the arithmetic the emitted
// HLS code uses. They live in a JSON file (targets/u55c.json is built in) so
// that a user can override them; docs/target-u55c.md gives their sources.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_TARGET_H
#define STREAMTENSOR_ANALYSIS_TARGET_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamtensor {

struct SlrResources {
  std::string name;
  int64_t luts = 0;
  int64_t flipFlops = 0;
  int64_t dsps = 0;
  int64_t bram36 = 0;
  int64_t urams = 0;
};

struct HbmDesc {
  int64_t pseudoChannels = 0;
  int64_t channelBytes = 0;
  /// Theoretical bandwidth of one pseudo-channel.
  double channelGBps = 0;
  /// Width of one kernel memory port (AXI data bus).
  int64_t portBits = 0;
  /// Cycles from issuing a read until its data reaches the kernel, and from
  /// issuing a write until it is acknowledged (kernel clock).
  int64_t readLatencyCycles = 0;
  int64_t writeLatencyCycles = 0;
  /// Bytes a memory port may have in flight (outstanding bursts x length).
  int64_t maxOutstandingBytes = 0;
  /// Bandwidth of all pseudo-channels together.
  double totalGBps = 0;
  /// Bursts one m_axi port keeps in flight, and beats per burst.
  int64_t outstandingBursts = 0;
  int64_t maxBurstBeats = 0;
  /// Smallest transfer a pseudo-channel serves for a new burst.
  int64_t minAccessBytes = 0;
};

/// Resources of one operator instance or one fixed block.
struct ResourceCost {
  int64_t dsp = 0, lut = 0, ff = 0, bram36 = 0;
};

/// What operators, ports and memories cost on the device
/// (`resource_costs`; sources in docs/target-u55c.md).
struct ResourceCosts {
  bool present = false;
  /// Fraction of each SLR (after the shell) kept free for routing.
  double routingHeadroom = 0;
  /// Keyed by element type and then by operation, as the latencies; "other"
  /// covers operations without their own entry.
  llvm::StringMap<llvm::StringMap<ResourceCost>> operators;
  ResourceCost conversion, process, mAxiPort;
  /// Arrays (per bank) up to this many bits sit in LUTs; FIFOs up to this
  /// depth are shift registers.
  int64_t lutramMaxBits = 0, srlMaxDepth = 0;
  /// FIFOs of words wider than a BRAM's 72 bits up to this depth are LUTRAM
  /// (a shallow 512-bit FIFO would take 8 BRAM36 mostly empty); 0: never.
  int64_t lutramFifoMaxDepth = 0;
};

struct TargetDesc {
  std::string name;
  std::string device;
  double clockMHz = 0;
  /// Fraction of the device the platform shell and routing take.
  double shellReservedFraction = 0;
  /// Host to kernel start plus kernel end to host, once per kernel call.
  double kernelLaunchMicroseconds = 0;
  /// Host-to-card link (PCIe): bandwidth, and the fixed cost of one buffer
  /// transfer. Used by the whole-model estimates, not inside a kernel.
  double hostLinkGBps = 0;
  double hostTransferMicroseconds = 0;
  /// The board's power limit, for energy figures (an upper bound).
  double boardPowerWatts = 0;
  std::vector<SlrResources> slrs;
  int64_t bram36Bits = 0;
  int64_t uramBits = 0;
  HbmDesc hbm;
  /// Cycles per operation, keyed by element type ("f32", "i32", "i8") and
  /// then by operation ("add", "mul", "mac", ...).
  llvm::StringMap<llvm::StringMap<int64_t>> opLatency;
  /// Cycles per conversion, keyed "from_to_to", e.g. "f32_to_i32".
  llvm::StringMap<int64_t> conversionLatency;
  ResourceCosts resources;

  /// Latency of `op` on `type`, if the description has it.
  std::optional<int64_t> getOpLatency(llvm::StringRef type,
                                      llvm::StringRef op) const;
  std::optional<int64_t> getConversionLatency(llvm::StringRef from,
                                              llvm::StringRef to) const;

  SlrResources getTotalResources() const;
  /// BRAM plus URAM capacity over all SLRs, in bytes.
  int64_t getOnChipMemoryBytes() const;
  /// Bytes one pseudo-channel moves per kernel-clock cycle.
  double getChannelBytesPerCycle() const;
  /// Bytes all of HBM moves per kernel-clock cycle.
  double getTotalHbmBytesPerCycle() const;
  /// The kernel launch cost in kernel-clock cycles.
  int64_t getLaunchCycles() const;
  int64_t getPortBytesPerCycle() const { return hbm.portBits / 8; }
  double cyclesToMilliseconds(double cycles) const {
    return cycles / (clockMHz * 1e3);
  }
};

/// Parses and validates a target description; errors name the JSON path.
llvm::Expected<TargetDesc> parseTargetDesc(llvm::StringRef text,
                                           llvm::StringRef bufferName);

/// Loads a target description from a file.
llvm::Expected<TargetDesc> loadTargetDesc(llvm::StringRef path);

/// The built-in description of the Alveo U55C (a copy of targets/u55c.json
/// taken at build time).
const TargetDesc &getDefaultTargetDesc();
llvm::StringRef getDefaultTargetJSON();

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_TARGET_H
