//===- DataflowGraphJSONReader.h - Checked reads from JSON input -*- C++ -*-===//
//
// A small reader shared by the graph and target parsers. It checks the type
// and range of every field it reads and keeps the first error together with
// the JSON path of the offending value, so that bad input is reported as
// "file: $.edges[3].tokens: expected an integer >= 1, got -5".
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_LIB_ANALYSIS_DATAFLOWGRAPHJSONREADER_H
#define STREAMTENSOR_LIB_ANALYSIS_DATAFLOWGRAPHJSONREADER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>

namespace streamtensor {
namespace detail {

/// Parses JSON text; syntax errors become "name:line:column: invalid JSON: ...".
llvm::Expected<llvm::json::Value> parseJSONText(llvm::StringRef text,
                                                llvm::StringRef bufferName);

class JSONFieldReader {
public:
  explicit JSONFieldReader(llvm::StringRef bufferName)
      : bufferName(bufferName.str()) {}

  bool failed() const { return error.has_value(); }

  /// Records an error at `path` unless an earlier one exists; returns false
  /// so that callers can write `return reader.fail(...)`.
  bool fail(const llvm::Twine &path, const llvm::Twine &message);

  /// Returns the first recorded error, or success.
  llvm::Error takeError();

  const llvm::json::Object *asObject(const llvm::json::Value &value,
                                     const llvm::Twine &path);

  /// Rejects keys outside `allowed`; typos would otherwise be ignored.
  bool checkKeys(const llvm::json::Object &object,
                 llvm::ArrayRef<llvm::StringRef> allowed,
                 const llvm::Twine &path);

  const llvm::json::Array *getArray(const llvm::json::Object &object,
                                    llvm::StringRef key,
                                    const llvm::Twine &path);
  const llvm::json::Object *getObject(const llvm::json::Object &object,
                                      llvm::StringRef key,
                                      const llvm::Twine &path);

  /// Reads an integer in [minValue, maxValue]. A missing optional field
  /// leaves `out` untouched and succeeds.
  bool getInt(const llvm::json::Object &object, llvm::StringRef key,
              const llvm::Twine &path, int64_t &out, int64_t minValue,
              int64_t maxValue, bool required = true);
  bool getNumber(const llvm::json::Object &object, llvm::StringRef key,
                 const llvm::Twine &path, double &out, double minValue,
                 double maxValue, bool required = true);
  bool getString(const llvm::json::Object &object, llvm::StringRef key,
                 const llvm::Twine &path, std::string &out,
                 bool required = true);

private:
  std::string bufferName;
  std::optional<std::string> error;
};

} // namespace detail
} // namespace streamtensor

#endif // STREAMTENSOR_LIB_ANALYSIS_DATAFLOWGRAPHJSONREADER_H
