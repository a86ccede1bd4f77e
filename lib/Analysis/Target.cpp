//===- Target.cpp - Loading and validating target descriptions ------------===//

#include "streamtensor/Analysis/Target.h"

#include "DataflowGraphJSONReader.h"
#include "streamtensor/Analysis/OperatorKeys.h"

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;
using namespace streamtensor;
using streamtensor::detail::JSONFieldReader;

// Provides kDefaultTargetJSON, generated from targets/u55c.json by CMake.
#include "TargetDefault.inc"

namespace {
constexpr int64_t kMaxCount = int64_t(1) << 40;
constexpr int64_t kMaxLatency = 1 << 20;
} // namespace

std::optional<int64_t> TargetDesc::getOpLatency(StringRef type,
                                                StringRef op) const {
  auto typeIt = opLatency.find(type);
  if (typeIt == opLatency.end())
    return std::nullopt;
  auto opIt = typeIt->second.find(op);
  if (opIt == typeIt->second.end())
    return std::nullopt;
  return opIt->second;
}

std::optional<int64_t> TargetDesc::getConversionLatency(StringRef from,
                                                        StringRef to) const {
  auto it = conversionLatency.find((from + "_to_" + to).str());
  if (it == conversionLatency.end())
    return std::nullopt;
  return it->second;
}

SlrResources TargetDesc::getTotalResources() const {
  SlrResources total;
  total.name = "total";
  for (const SlrResources &slr : slrs) {
    total.luts += slr.luts;
    total.flipFlops += slr.flipFlops;
    total.dsps += slr.dsps;
    total.bram36 += slr.bram36;
    total.urams += slr.urams;
  }
  return total;
}

int64_t TargetDesc::getOnChipMemoryBytes() const {
  SlrResources total = getTotalResources();
  return (total.bram36 * bram36Bits + total.urams * uramBits) / 8;
}

double TargetDesc::getChannelBytesPerCycle() const {
  return hbm.channelGBps * 1e9 / (clockMHz * 1e6);
}

double TargetDesc::getTotalHbmBytesPerCycle() const {
  return hbm.totalGBps * 1e9 / (clockMHz * 1e6);
}

int64_t TargetDesc::getLaunchCycles() const {
  return static_cast<int64_t>(kernelLaunchMicroseconds * clockMHz + 0.5);
}

static bool parseSlr(JSONFieldReader &reader, const json::Value &value,
                     const Twine &path, SlrResources &slr) {
  const json::Object *object = reader.asObject(value, path);
  if (!object ||
      !reader.checkKeys(*object, {"name", "lut", "ff", "dsp", "bram36", "uram"},
                        path))
    return false;
  return reader.getString(*object, "name", path, slr.name) &&
         reader.getInt(*object, "lut", path, slr.luts, 1, kMaxCount) &&
         reader.getInt(*object, "ff", path, slr.flipFlops, 1, kMaxCount) &&
         reader.getInt(*object, "dsp", path, slr.dsps, 0, kMaxCount) &&
         reader.getInt(*object, "bram36", path, slr.bram36, 0, kMaxCount) &&
         reader.getInt(*object, "uram", path, slr.urams, 0, kMaxCount);
}

static bool parseHbm(JSONFieldReader &reader, const json::Object &object,
                     const Twine &path, HbmDesc &hbm) {
  if (!reader.checkKeys(object,
                        {"pseudo_channels", "channel_bytes", "channel_gbps",
                         "port_bits", "read_latency_cycles",
                         "write_latency_cycles", "max_outstanding_bytes",
                         "total_gbps", "outstanding_bursts", "max_burst_beats",
                         "min_access_bytes"},
                        path))
    return false;
  if (!reader.getInt(object, "pseudo_channels", path, hbm.pseudoChannels, 1,
                     1024) ||
      !reader.getInt(object, "channel_bytes", path, hbm.channelBytes, 1,
                     kMaxCount) ||
      !reader.getNumber(object, "channel_gbps", path, hbm.channelGBps, 1e-3,
                        1e4) ||
      !reader.getInt(object, "port_bits", path, hbm.portBits, 8, 8192) ||
      !reader.getInt(object, "read_latency_cycles", path,
                     hbm.readLatencyCycles, 0, kMaxLatency) ||
      !reader.getInt(object, "write_latency_cycles", path,
                     hbm.writeLatencyCycles, 0, kMaxLatency) ||
      !reader.getInt(object, "max_outstanding_bytes", path,
                     hbm.maxOutstandingBytes, 1, kMaxCount) ||
      !reader.getNumber(object, "total_gbps", path, hbm.totalGBps, 1e-3,
                        1e6) ||
      !reader.getInt(object, "outstanding_bursts", path,
                     hbm.outstandingBursts, 1, 1024) ||
      !reader.getInt(object, "max_burst_beats", path, hbm.maxBurstBeats, 1,
                     4096) ||
      !reader.getInt(object, "min_access_bytes", path, hbm.minAccessBytes, 1,
                     4096))
    return false;
  if (hbm.portBits % 8 != 0)
    return reader.fail(path + ".port_bits", "must be a multiple of 8");
  return true;
}

/// Every element type has every operator key of its kind: an operation the
/// compiler can emit on a type the target leaves out could not be timed.
static bool parseOpLatencies(JSONFieldReader &reader,
                             const json::Object &object, const Twine &path,
                             TargetDesc &target) {
  if (!reader.checkKeys(object, getElementTypeKeys(), path))
    return false;
  for (StringRef type : getElementTypeKeys()) {
    const json::Object *ops = reader.getObject(object, type, path);
    if (!ops)
      return false;
    std::string typePath = (path + "." + type).str();
    ArrayRef<StringRef> keys = getOperatorKeys(isFloatTypeKey(type));
    if (!reader.checkKeys(*ops, keys, typePath))
      return false;
    for (StringRef op : keys) {
      int64_t cycles = 0;
      if (!reader.getInt(*ops, op, typePath, cycles, 0, kMaxLatency))
        return false;
      target.opLatency[type][op] = cycles;
    }
  }
  return true;
}

/// Every ordered pair of distinct element types has a conversion latency.
static bool parseConversionLatencies(JSONFieldReader &reader,
                                     const json::Object &object,
                                     const Twine &path, TargetDesc &target) {
  std::vector<std::string> names;
  for (StringRef from : getElementTypeKeys())
    for (StringRef to : getElementTypeKeys())
      if (from != to)
        names.push_back((from + "_to_" + to).str());
  SmallVector<StringRef> keys(names.begin(), names.end());
  if (!reader.checkKeys(object, keys, path))
    return false;
  for (StringRef name : keys) {
    int64_t cycles = 0;
    if (!reader.getInt(object, name, path, cycles, 0, kMaxLatency))
      return false;
    target.conversionLatency[name] = cycles;
  }
  return true;
}

static bool parseCost(JSONFieldReader &reader, const json::Object &object,
                      StringRef key, const Twine &path, ResourceCost &cost) {
  const json::Object *entry = reader.getObject(object, key, path);
  std::string entryPath = (path + "." + key).str();
  if (!entry ||
      !reader.checkKeys(*entry, {"dsp", "lut", "ff", "bram36"}, entryPath) ||
      !reader.getInt(*entry, "dsp", entryPath, cost.dsp, 0, kMaxCount) ||
      !reader.getInt(*entry, "lut", entryPath, cost.lut, 0, kMaxCount) ||
      !reader.getInt(*entry, "ff", entryPath, cost.ff, 0, kMaxCount))
    return false;
  return !entry->get("bram36") ||
         reader.getInt(*entry, "bram36", entryPath, cost.bram36, 0, kMaxCount);
}

static bool parseResourceCosts(JSONFieldReader &reader,
                               const json::Object &object, const Twine &path,
                               ResourceCosts &costs) {
  if (!reader.checkKeys(object,
                        {"routing_headroom_fraction", "operators", "conversion",
                         "process", "m_axi_port", "lutram_max_bits",
                         "srl_max_depth", "lutram_fifo_max_depth"},
                        path) ||
      !reader.getNumber(object, "routing_headroom_fraction", path,
                        costs.routingHeadroom, 0, 0.9) ||
      !parseCost(reader, object, "conversion", path, costs.conversion) ||
      !parseCost(reader, object, "process", path, costs.process) ||
      !parseCost(reader, object, "m_axi_port", path, costs.mAxiPort) ||
      !reader.getInt(object, "lutram_max_bits", path, costs.lutramMaxBits, 0,
                     kMaxCount) ||
      !reader.getInt(object, "srl_max_depth", path, costs.srlMaxDepth, 0,
                     kMaxCount) ||
      (object.get("lutram_fifo_max_depth") &&
       !reader.getInt(object, "lutram_fifo_max_depth", path,
                      costs.lutramFifoMaxDepth, 0, kMaxCount)))
    return false;
  const json::Object *operators = reader.getObject(object, "operators", path);
  if (!operators)
    return false;
  std::string operatorsPath = (path + ".operators").str();
  for (StringRef type : getElementTypeKeys())
    if (!operators->get(type))
      return reader.fail(operatorsPath,
                         "needs costs for every element type; " + type +
                             " is missing");
  for (const auto &[type, value] : *operators) {
    std::string typePath = operatorsPath + "." + type.str();
    const json::Object *ops = reader.asObject(value, typePath);
    if (!ops)
      return false;
    if (!ops->get("other"))
      return reader.fail(typePath, "needs an \"other\" entry for operations "
                                   "without their own");
    for (const auto &[op, unused] : *ops)
      if (!parseCost(reader, *ops, op, typePath,
                     costs.operators[type.str()][op.str()]))
        return false;
  }
  costs.present = true;
  return true;
}

Expected<TargetDesc> streamtensor::parseTargetDesc(StringRef text,
                                                   StringRef bufferName) {
  Expected<json::Value> root = detail::parseJSONText(text, bufferName);
  if (!root)
    return root.takeError();
  JSONFieldReader reader(bufferName);
  TargetDesc target;
  const json::Object *top = reader.asObject(*root, "$");
  auto parseAll = [&]() -> bool {
    if (!top ||
        !reader.checkKeys(*top,
                          {"name", "device", "clock_mhz",
                           "shell_reserved_fraction", "kernel_launch_us",
                           "host_link", "board_power_w",
                           "slrs", "on_chip_memory",
                           "hbm", "op_latency_cycles",
                           "conversion_latency_cycles", "resource_costs"},
                          "$"))
      return false;
    if (!reader.getString(*top, "name", "$", target.name) ||
        !reader.getString(*top, "device", "$", target.device) ||
        !reader.getNumber(*top, "clock_mhz", "$", target.clockMHz, 1, 2000) ||
        !reader.getNumber(*top, "shell_reserved_fraction", "$",
                          target.shellReservedFraction, 0, 0.9) ||
        !reader.getNumber(*top, "kernel_launch_us", "$",
                          target.kernelLaunchMicroseconds, 0, 1e6) ||
        !reader.getNumber(*top, "board_power_w", "$", target.boardPowerWatts, 1,
                          1e4))
      return false;
    const json::Object *link = reader.getObject(*top, "host_link", "$");
    if (!link ||
        !reader.checkKeys(*link, {"gbps", "transfer_latency_us"}, "$.host_link") ||
        !reader.getNumber(*link, "gbps", "$.host_link", target.hostLinkGBps, 1e-3,
                          1e4) ||
        !reader.getNumber(*link, "transfer_latency_us", "$.host_link",
                          target.hostTransferMicroseconds, 0, 1e6))
      return false;
    const json::Array *slrs = reader.getArray(*top, "slrs", "$");
    if (!slrs)
      return false;
    if (slrs->empty())
      return reader.fail("$.slrs", "expected at least one SLR");
    for (auto [index, value] : llvm::enumerate(*slrs)) {
      SlrResources slr;
      if (!parseSlr(reader, value, "$.slrs[" + Twine(index) + "]", slr))
        return false;
      target.slrs.push_back(std::move(slr));
    }
    const json::Object *memory = reader.getObject(*top, "on_chip_memory", "$");
    if (!memory ||
        !reader.checkKeys(*memory, {"bram36_bits", "uram_bits"},
                          "$.on_chip_memory") ||
        !reader.getInt(*memory, "bram36_bits", "$.on_chip_memory",
                       target.bram36Bits, 1, kMaxCount) ||
        !reader.getInt(*memory, "uram_bits", "$.on_chip_memory",
                       target.uramBits, 1, kMaxCount))
      return false;
    const json::Object *hbm = reader.getObject(*top, "hbm", "$");
    if (!hbm || !parseHbm(reader, *hbm, "$.hbm", target.hbm))
      return false;
    const json::Object *ops = reader.getObject(*top, "op_latency_cycles", "$");
    if (!ops ||
        !parseOpLatencies(reader, *ops, "$.op_latency_cycles", target))
      return false;
    const json::Object *conversions =
        reader.getObject(*top, "conversion_latency_cycles", "$");
    if (!conversions ||
        !parseConversionLatencies(reader, *conversions,
                                  "$.conversion_latency_cycles", target))
      return false;
    if (const json::Value *costs = top->get("resource_costs")) {
      const json::Object *object = reader.asObject(*costs, "$.resource_costs");
      if (!object ||
          !parseResourceCosts(reader, *object, "$.resource_costs",
                              target.resources))
        return false;
    }
    return true;
  };
  if (!parseAll())
    return reader.takeError();
  return target;
}

Expected<TargetDesc> streamtensor::loadTargetDesc(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFileOrSTDIN(path, /*IsText=*/true);
  if (std::error_code ec = buffer.getError())
    return createStringError(ec, "cannot read target description '%s': %s",
                             path.str().c_str(), ec.message().c_str());
  return parseTargetDesc((*buffer)->getBuffer(), path);
}

StringRef streamtensor::getDefaultTargetJSON() { return kDefaultTargetJSON; }

const TargetDesc &streamtensor::getDefaultTargetDesc() {
  static const TargetDesc target = [] {
    Expected<TargetDesc> parsed =
        parseTargetDesc(kDefaultTargetJSON, "built-in targets/u55c.json");
    if (!parsed)
      report_fatal_error(parsed.takeError());
    return std::move(*parsed);
  }();
  return target;
}
