//===- Names.h - C identifiers and literals for emitted code ----*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_TARGET_HLSCPP_NAMES_H
#define STREAMTENSOR_LIB_TARGET_HLSCPP_NAMES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <string>

namespace streamtensor::target {

/// A valid, non-reserved C++ identifier close to `name`: other characters
/// become '_', runs of '_' collapse (a double underscore is reserved), leading
/// and trailing ones go, a leading digit gets a letter in front, and keywords
/// get a '_' suffix.
std::string sanitizeIdentifier(llvm::StringRef name);

/// `text` as a C string literal, quotes included.
std::string quoteCString(llvm::StringRef text);

/// Identifiers in use in one C++ scope, inheriting the enclosing scope's so
/// that a local never shadows a function or a variable it must reach.
class NameScope {
public:
  explicit NameScope(const NameScope *parent = nullptr) : parent(parent) {}

  /// A fresh identifier from `hint` (sanitized; `hint`, `hint_1`, ...).
  std::string unique(llvm::StringRef hint);
  /// A fresh identifier `<prefix><n>` with the smallest free n.
  std::string numbered(llvm::StringRef prefix);
  bool contains(llvm::StringRef name) const;
  void reserve(llvm::StringRef name) { used.insert(name); }

private:
  const NameScope *parent;
  llvm::StringSet<> used;
  llvm::StringMap<unsigned> nextSuffix;
  llvm::StringMap<unsigned> nextNumber;
};

} // namespace streamtensor::target

#endif // STREAMTENSOR_LIB_TARGET_HLSCPP_NAMES_H
