//===- AccessSchedule.h - When a process accesses one stream ---*- C++ -*-===//
//
// The cycles, from a process's start, at which it issues its accesses to one
// stream, in program order, as runs of evenly spaced accesses. The timing
// model builds it from the loop nests, so a process that reads its input
// before the loop that writes its output has every read before the first
// write, as in the generated code: the graph model's causal schedule. Long
// programs are coarsened to at most kMaxSegments runs (neighbouring runs
// merged into one evenly spaced run between the first's start and the
// second's end), which keeps the first and last access of every merged span
// exact.
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_ANALYSIS_ACCESSSCHEDULE_H
#define STREAMTENSOR_ANALYSIS_ACCESSSCHEDULE_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace streamtensor {

/// `count` accesses, the first at cycle `first`, then one every `ii` cycles
/// (an average for a coarsened run: access j at first + floor(j * ii)).
struct ScheduleSegment {
  int64_t count = 0;
  int64_t first = 0;
  double ii = 1;

  int64_t last() const { return first + int64_t((count - 1) * ii); }
};

class AccessSchedule {
public:
  static constexpr size_t kMaxSegments = 256;

  AccessSchedule() = default;
  /// One access at `cycle`.
  static AccessSchedule single(int64_t cycle);

  llvm::ArrayRef<ScheduleSegment> getSegments() const { return segments; }
  bool empty() const { return segments.empty(); }
  int64_t getTokens() const { return tokens; }

  /// Appends a run after this schedule's accesses.
  void add(ScheduleSegment segment) { push(segment); }
  /// Appends `other`, shifted by `offset`, after this schedule's accesses.
  void append(const AccessSchedule &other, int64_t offset);
  /// The schedule of `times` runs of this one, each `period` cycles after
  /// the previous one.
  void repeat(int64_t times, int64_t period);

  /// Cycle of access k (0 <= k < getTokens()).
  int64_t at(int64_t k) const;

private:
  void push(ScheduleSegment segment);
  void coarsen();

  std::vector<ScheduleSegment> segments;
  /// Access index of each segment's first access.
  std::vector<int64_t> starts;
  int64_t tokens = 0;
};

} // namespace streamtensor

#endif // STREAMTENSOR_ANALYSIS_ACCESSSCHEDULE_H
