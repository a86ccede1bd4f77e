//===- AccessSchedule.cpp - When a process accesses one stream ------------===//

#include "streamtensor/Analysis/AccessSchedule.h"

#include <algorithm>
#include <cmath>

using namespace streamtensor;

static bool isIntegral(double value) { return value == std::floor(value); }

/// One evenly spaced run from the first access of `a` to the last of `b`.
static ScheduleSegment mergeRuns(const ScheduleSegment &a,
                                 const ScheduleSegment &b) {
  ScheduleSegment merged;
  merged.count = a.count + b.count;
  merged.first = a.first;
  merged.ii = double(b.last() - a.first) / double(merged.count - 1);
  return merged;
}

AccessSchedule AccessSchedule::single(int64_t cycle) {
  AccessSchedule schedule;
  schedule.push({1, cycle, 1});
  return schedule;
}

void AccessSchedule::push(ScheduleSegment segment) {
  if (segment.count <= 0)
    return;
  if (!segments.empty()) {
    ScheduleSegment &last = segments.back();
    // The next access of `last`'s run, if its spacing is exact.
    bool exact = isIntegral(last.ii) && isIntegral(segment.ii);
    int64_t step = segment.first - last.first;
    if (last.count == 1 && segment.count == 1 && step > 0) {
      last.count = 2;
      last.ii = double(step);
      tokens += 1;
      return;
    }
    if (exact && last.count >= 2 &&
        segment.first == last.first + last.count * int64_t(last.ii) &&
        (segment.count == 1 || segment.ii == last.ii)) {
      last.count += segment.count;
      tokens += segment.count;
      return;
    }
    if (exact && last.count == 1 && segment.count >= 2 &&
        step == int64_t(segment.ii)) {
      last.count += segment.count;
      last.ii = segment.ii;
      tokens += segment.count;
      return;
    }
  }
  starts.push_back(tokens);
  segments.push_back(segment);
  tokens += segment.count;
}

void AccessSchedule::coarsen() {
  while (segments.size() > kMaxSegments) {
    std::vector<ScheduleSegment> merged;
    for (size_t i = 0; i < segments.size(); i += 2)
      merged.push_back(i + 1 < segments.size()
                           ? mergeRuns(segments[i], segments[i + 1])
                           : segments[i]);
    segments = std::move(merged);
  }
  starts.clear();
  int64_t start = 0;
  for (const ScheduleSegment &segment : segments) {
    starts.push_back(start);
    start += segment.count;
  }
}

void AccessSchedule::append(const AccessSchedule &other, int64_t offset) {
  for (ScheduleSegment segment : other.segments) {
    segment.first += offset;
    push(segment);
  }
  if (segments.size() > kMaxSegments)
    coarsen();
}

void AccessSchedule::repeat(int64_t times, int64_t period) {
  if (times == 1 || segments.empty())
    return;
  if (times <= 0) {
    *this = AccessSchedule();
    return;
  }
  if (segments.size() == 1) {
    // One run that the repetitions continue exactly.
    ScheduleSegment &run = segments.front();
    if (run.count == 1 && period > 0) {
      run = {times, run.first, double(period)};
      tokens = times;
      return;
    }
    if (isIntegral(run.ii) && run.count * int64_t(run.ii) == period) {
      run.count *= times;
      tokens = run.count;
      return;
    }
  }
  AccessSchedule once = *this;
  *this = AccessSchedule();
  if (once.segments.size() * size_t(times) <= kMaxSegments) {
    for (int64_t r = 0; r < times; ++r)
      append(once, r * period);
    return;
  }
  // Too many runs: one evenly spaced run per repetition, or per group of
  // repetitions when there are more than kMaxSegments of them.
  int64_t first = once.segments.front().first;
  int64_t last = once.segments.back().last();
  int64_t perRun = once.tokens;
  int64_t groups = std::min<int64_t>(times, kMaxSegments);
  for (int64_t g = 0; g < groups; ++g) {
    int64_t begin = times * g / groups, end = times * (g + 1) / groups;
    ScheduleSegment segment;
    segment.count = perRun * (end - begin);
    segment.first = first + begin * period;
    int64_t groupLast = last + (end - 1) * period;
    segment.ii = segment.count > 1 ? double(groupLast - segment.first) /
                                         double(segment.count - 1)
                                   : 1.0;
    push(segment);
  }
  if (segments.size() > kMaxSegments)
    coarsen();
}

int64_t AccessSchedule::at(int64_t k) const {
  size_t index =
      std::upper_bound(starts.begin(), starts.end(), k) - starts.begin() - 1;
  const ScheduleSegment &segment = segments[index];
  return segment.first + int64_t(double(k - starts[index]) * segment.ii);
}
