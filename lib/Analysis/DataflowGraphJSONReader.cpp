//===- DataflowGraphJSONReader.cpp - Checked reads from JSON input --------===//

#include "DataflowGraphJSONReader.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace llvm;
using namespace streamtensor::detail;

Expected<json::Value>
streamtensor::detail::parseJSONText(StringRef text, StringRef bufferName) {
  Expected<json::Value> value = json::parse(text);
  if (value)
    return value;
  // LLVM formats syntax errors as "[line:col, byte=N]: message"; rewrite
  // them in the usual "file:line:col:" form that editors can jump to.
  std::string raw = toString(value.takeError());
  StringRef rest(raw);
  unsigned line = 0, column = 0;
  if (rest.consume_front("[") && !rest.consumeInteger(10, line) &&
      rest.consume_front(":") && !rest.consumeInteger(10, column)) {
    size_t colon = rest.find("]: ");
    StringRef message =
        colon == StringRef::npos ? rest : rest.drop_front(colon + 3);
    return createStringError(inconvertibleErrorCode(),
                             formatv("{0}:{1}:{2}: invalid JSON: {3}",
                                     bufferName, line, column, message));
  }
  return createStringError(inconvertibleErrorCode(),
                           formatv("{0}: invalid JSON: {1}", bufferName, raw));
}

bool JSONFieldReader::fail(const Twine &path, const Twine &message) {
  if (!error)
    error = (bufferName + ": " + path + ": " + message).str();
  return false;
}

Error JSONFieldReader::takeError() {
  if (!error)
    return Error::success();
  std::string message = std::move(*error);
  error.reset();
  return createStringError(inconvertibleErrorCode(), message);
}

const json::Object *JSONFieldReader::asObject(const json::Value &value,
                                              const Twine &path) {
  if (const json::Object *object = value.getAsObject())
    return object;
  fail(path, "expected an object");
  return nullptr;
}

bool JSONFieldReader::checkKeys(const json::Object &object,
                                ArrayRef<StringRef> allowed,
                                const Twine &path) {
  for (const auto &entry : object) {
    StringRef key = entry.first;
    if (llvm::is_contained(allowed, key))
      continue;
    std::string known;
    for (StringRef name : allowed)
      known += (known.empty() ? "" : ", ") + name.str();
    return fail(path + "." + key, "unknown field (expected one of: " + known +
                                      ")");
  }
  return true;
}

const json::Array *JSONFieldReader::getArray(const json::Object &object,
                                             StringRef key,
                                             const Twine &path) {
  const json::Value *value = object.get(key);
  if (!value) {
    fail(path + "." + key, "missing required field");
    return nullptr;
  }
  if (const json::Array *array = value->getAsArray())
    return array;
  fail(path + "." + key, "expected an array");
  return nullptr;
}

const json::Object *JSONFieldReader::getObject(const json::Object &object,
                                               StringRef key,
                                               const Twine &path) {
  const json::Value *value = object.get(key);
  if (!value) {
    fail(path + "." + key, "missing required field");
    return nullptr;
  }
  return asObject(*value, path + "." + key);
}

/// Prints a JSON value compactly for "got ..." parts of messages.
static std::string describe(const json::Value &value) {
  std::string text;
  raw_string_ostream os(text);
  os << value;
  if (text.size() > 40)
    text = text.substr(0, 37) + "...";
  return text;
}

bool JSONFieldReader::getInt(const json::Object &object, StringRef key,
                             const Twine &path, int64_t &out, int64_t minValue,
                             int64_t maxValue, bool required) {
  const json::Value *value = object.get(key);
  if (!value)
    return required ? fail(path + "." + key, "missing required field") : true;
  std::optional<int64_t> integer = value->getAsInteger();
  if (!integer || *integer < minValue || *integer > maxValue)
    return fail(path + "." + key,
                formatv("expected an integer in [{0}, {1}], got {2}", minValue,
                        maxValue, describe(*value)));
  out = *integer;
  return true;
}

bool JSONFieldReader::getNumber(const json::Object &object, StringRef key,
                                const Twine &path, double &out,
                                double minValue, double maxValue,
                                bool required) {
  const json::Value *value = object.get(key);
  if (!value)
    return required ? fail(path + "." + key, "missing required field") : true;
  std::optional<double> number = value->getAsNumber();
  if (!number || !std::isfinite(*number) || *number < minValue ||
      *number > maxValue) {
    std::string message;
    raw_string_ostream(message)
        << "expected a number in [" << format("%g", minValue) << ", "
        << format("%g", maxValue) << "], got " << describe(*value);
    return fail(path + "." + key, message);
  }
  out = *number;
  return true;
}

bool JSONFieldReader::getString(const json::Object &object, StringRef key,
                                const Twine &path, std::string &out,
                                bool required) {
  const json::Value *value = object.get(key);
  if (!value)
    return required ? fail(path + "." + key, "missing required field") : true;
  std::optional<StringRef> text = value->getAsString();
  if (!text)
    return fail(path + "." + key,
                "expected a string, got " + describe(*value));
  out = text->str();
  return true;
}
