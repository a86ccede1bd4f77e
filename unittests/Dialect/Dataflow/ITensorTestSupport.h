//===- ITensorTestSupport.h - Fixture parsing dataflow types ----*- C++ -*-===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef STREAMTENSOR_UNITTESTS_ITENSORTESTSUPPORT_H
#define STREAMTENSOR_UNITTESTS_ITENSORTESTSUPPORT_H

#include "streamtensor/Dialect/Dataflow/DataflowDialect.h"
#include "streamtensor/Dialect/Dataflow/DataflowTypes.h"
#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"
#include <string>

namespace streamtensor::testing {

class ITensorTest : public ::testing::Test {
protected:
  ITensorTest() { context.loadDialect<dataflow::DataflowDialect>(); }

  /// Parses a type the test knows to be a valid itensor.
  dataflow::ITensorType parse(llvm::StringRef text) {
    auto type =
        llvm::dyn_cast_or_null<dataflow::ITensorType>(mlir::parseType(text, &context));
    EXPECT_TRUE(type) << "not a valid itensor: " << text.str();
    return type;
  }

  static std::string debugString(mlir::Type type) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << type;
    return text;
  }

  mlir::MLIRContext context;
};

} // namespace streamtensor::testing

#endif // STREAMTENSOR_UNITTESTS_ITENSORTESTSUPPORT_H
