//===- OperatorKeys.cpp - Operation names to target keys ------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "streamtensor/Analysis/OperatorKeys.h"

#include "llvm/ADT/StringSwitch.h"

using namespace llvm;
using namespace streamtensor;

namespace {
const StringRef kElementTypes[] = {"f64", "f32", "i64", "i32", "i16", "i8"};
const StringRef kFloatKeys[] = {
    "add",  "mul",  "mac",   "div",   "max",   "compare", "round", "exp",
    "exp2", "expm1", "log",  "log2",  "log10", "log1p",   "sqrt",  "rsqrt",
    "cbrt", "tanh", "sinh",  "cosh",  "asinh", "acosh",   "atanh", "sin",
    "cos",  "tan",  "asin",  "acos",  "atan",  "atan2",   "erf",   "powf"};
const StringRef kIntegerKeys[] = {"add", "mul",     "mac",  "div",
                                  "max", "compare", "bits", "powi"};
} // namespace

OperatorClass streamtensor::classifyOperator(StringRef name) {
  constexpr OperatorKind kFree = OperatorKind::Free;
  constexpr OperatorKind kConversion = OperatorKind::Conversion;
  StringRef key = StringSwitch<StringRef>(name)
                      .Cases("arith.addf", "arith.subf", "arith.addi",
                             "arith.subi", "arith.addui_extended", "add")
                      .Cases("arith.mulf", "arith.muli", "arith.mulsi_extended",
                             "arith.mului_extended", "mul")
                      .Case("math.fma", "mac")
                      .Cases("arith.divf", "arith.divsi", "arith.divui",
                             "arith.ceildivsi", "arith.ceildivui", "div")
                      .Cases("arith.floordivsi", "arith.remf", "arith.remsi",
                             "arith.remui", "div")
                      .Cases("arith.maximumf", "arith.minimumf",
                             "arith.maxnumf", "arith.minnumf", "max")
                      .Cases("arith.maxsi", "arith.minsi", "arith.maxui",
                             "arith.minui", "max")
                      .Cases("arith.cmpf", "arith.cmpi", "compare")
                      .Cases("math.floor", "math.ceil", "math.round",
                             "math.roundeven", "math.trunc", "round")
                      .Cases("math.ctlz", "math.cttz", "math.ctpop", "bits")
                      .Case("math.ipowi", "powi")
                      .Cases("math.powf", "math.fpowi", "powf")
                      .Default("");
  if (!key.empty())
    return {OperatorKind::Arithmetic, key};
  // The remaining math functions are keyed by their own name.
  StringRef function = name;
  if (function.consume_front("math.") && is_contained(kFloatKeys, function))
    return {OperatorKind::Arithmetic, function};
  return StringSwitch<OperatorClass>(name)
      .Cases("arith.constant", "arith.select", "arith.index_cast",
             "arith.index_castui", "arith.bitcast", {kFree, ""})
      .Cases("arith.andi", "arith.ori", "arith.xori", "arith.shli",
             "arith.shrsi", "arith.shrui", {kFree, ""})
      .Cases("arith.negf", "math.absf", "math.absi", "math.copysign", {kFree, ""})
      .Cases("arith.sitofp", "arith.uitofp", "arith.fptosi", "arith.fptoui",
             {kConversion, ""})
      .Cases("arith.extf", "arith.truncf", "arith.extsi", "arith.extui",
             "arith.trunci", {kConversion, ""})
      .Default({OperatorKind::Unknown, ""});
}

ArrayRef<StringRef> streamtensor::getElementTypeKeys() { return kElementTypes; }

ArrayRef<StringRef> streamtensor::getOperatorKeys(bool isFloat) {
  if (isFloat)
    return kFloatKeys;
  return kIntegerKeys;
}
