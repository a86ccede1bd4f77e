//===- Names.cpp - C identifiers and literals for emitted code ------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Names.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

using namespace streamtensor::target;

/// C++ keywords, plus names the emitted code reaches unqualified or at global
/// scope (namespaces, the C entry point, the simulation macros' region).
static bool isReserved(llvm::StringRef name) {
  static const llvm::StringSet<> reserved = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor",
      "bool", "break", "case", "catch", "char", "char8_t", "char16_t",
      "char32_t", "class", "compl", "concept", "const", "consteval",
      "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double",
      "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false",
      "float", "for", "friend", "goto", "if", "inline", "int", "long",
      "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
      "operator", "or", "or_eq", "private", "protected", "public", "register",
      "reinterpret_cast", "requires", "return", "short", "signed", "sizeof",
      "static", "static_assert", "static_cast", "struct", "switch", "template",
      "this", "thread_local", "throw", "true", "try", "typedef", "typeid",
      "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
      "wchar_t", "while", "xor", "xor_eq",
      // Names with a meaning in the emitted files.
      "main", "hls", "std", "streamtensor", "streamtensor_dataflow_region_",
      "NAN", "INFINITY", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
      "uint16_t", "uint32_t", "uint64_t", "size_t", "NULL", "EOF", "assert",
      "errno"};
  return reserved.contains(name);
}

std::string streamtensor::target::sanitizeIdentifier(llvm::StringRef name) {
  std::string out;
  for (char c : name) {
    char keep = llvm::isAlnum(c) ? c : '_';
    if (keep == '_' && !out.empty() && out.back() == '_')
      continue;
    out.push_back(keep);
  }
  // A leading '_' followed by an uppercase letter is reserved, one in front
  // of anything is reserved at global scope; a trailing one only adds noise.
  while (!out.empty() && out.front() == '_')
    out.erase(out.begin());
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  if (out.empty())
    return "v";
  if (llvm::isDigit(out.front()))
    out.insert(out.begin(), 'n');
  if (isReserved(out))
    out.push_back('_');
  return out;
}

std::string streamtensor::target::quoteCString(llvm::StringRef text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        // Octal escapes end after three digits, unlike hex ones, so a
        // following digit cannot extend them.
        out += '\\';
        out += char('0' + ((c >> 6) & 7));
        out += char('0' + ((c >> 3) & 7));
        out += char('0' + (c & 7));
      } else {
        out += char(c);
      }
    }
  }
  out += '"';
  return out;
}

bool NameScope::contains(llvm::StringRef name) const {
  return used.contains(name) || (parent && parent->contains(name));
}

std::string NameScope::unique(llvm::StringRef hint) {
  std::string base = sanitizeIdentifier(hint);
  if (!contains(base)) {
    used.insert(base);
    return base;
  }
  unsigned &n = nextSuffix[base];
  while (true) {
    std::string candidate = (llvm::Twine(base) + "_" + llvm::Twine(++n)).str();
    if (!contains(candidate)) {
      used.insert(candidate);
      return candidate;
    }
  }
}

std::string NameScope::numbered(llvm::StringRef prefix) {
  unsigned &n = nextNumber[prefix];
  while (true) {
    std::string candidate = (llvm::Twine(prefix) + llvm::Twine(n++)).str();
    if (!contains(candidate)) {
      used.insert(candidate);
      return candidate;
    }
  }
}
