//===- Expressions.cpp - Scalar ops as C expressions ----------------------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Semantics follow the MLIR ops, not C's: integers narrower than int are
// truncated back after C's promotion, unsigned ops go through the unsigned
// type of the same width, shifts are done unsigned (no undefined left shift
// of negative values), and float comparisons keep their ordered/unordered
// NaN behaviour. Math functions with an hls:: version in hls_math.h use it,
// so Vitis picks its own implementations; the others use <cmath>.
//
//===----------------------------------------------------------------------===//

#include "Expressions.h"
#include "Design.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace streamtensor::target;

using Operands = ArrayRef<std::string>;

static std::string binary(StringRef lhs, StringRef op, StringRef rhs) {
  return ("(" + lhs + " " + op + " " + rhs + ")").str();
}

bool streamtensor::target::isParenthesized(StringRef text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')')
    return false;
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
    if (depth == 0)
      return i == text.size() - 1;
  }
  return false;
}

/// A C cast binds tighter than every binary operator, so `(T)x` needs no
/// parentheses of its own as long as `x` is a single primary expression.
static std::string castTo(StringRef type, StringRef expr) {
  bool primary = isParenthesized(expr) || llvm::all_of(expr, [](char c) {
                   return llvm::isAlnum(c) || c == '_' || c == '.';
                 });
  return ("(" + type + ")" + (primary ? expr : "(" + expr + ")")).str();
}

static std::string callFn(StringRef fn, Operands args) {
  std::string text = fn.str() + "(";
  for (auto [i, arg] : llvm::enumerate(args))
    text += (i ? ", " : "") + arg;
  return text + ")";
}

static std::string select(StringRef cond, StringRef lhs, StringRef rhs) {
  return ("(" + cond + " ? " + lhs + " : " + rhs + ")").str();
}

static unsigned getIntWidth(Type type) {
  if (type.isIndex())
    return 32;
  return type.getIntOrFloatBitWidth();
}

/// C arithmetic promotes integers narrower than int; truncate the result
/// back to the op's type so that i8 and i16 arithmetic wraps as in MLIR.
static std::string wrapNarrow(Type type, std::string expr) {
  if (type.isIntOrIndex() && getIntWidth(type) < 32)
    return castTo(getCType(type), expr);
  return expr;
}

static std::string asUnsigned(Value value, StringRef expr) {
  return castTo(getUnsignedCType(value.getType()), expr);
}

/// An integer op done on the unsigned type of the operands' width, cast back
/// to the signed type of the result.
static std::string unsignedBinary(Operation *op, Operands args, StringRef cop) {
  return castTo(getCType(op->getResult(0).getType()),
                binary(asUnsigned(op->getOperand(0), args[0]), cop,
                       asUnsigned(op->getOperand(1), args[1])));
}

static std::string compareFloat(arith::CmpFPredicate predicate, StringRef a,
                                StringRef b) {
  using P = arith::CmpFPredicate;
  // C comparisons other than != are false when an operand is NaN, which is
  // the ordered behaviour; unordered ones negate the opposite comparison.
  switch (predicate) {
  case P::AlwaysFalse:
    return "false";
  case P::AlwaysTrue:
    return "true";
  case P::OEQ:
    return binary(a, "==", b);
  case P::OGT:
    return binary(a, ">", b);
  case P::OGE:
    return binary(a, ">=", b);
  case P::OLT:
    return binary(a, "<", b);
  case P::OLE:
    return binary(a, "<=", b);
  case P::ONE:
    return binary(binary(a, "<", b), "||", binary(a, ">", b));
  case P::ORD:
    return binary(binary(a, "==", a), "&&", binary(b, "==", b));
  case P::UEQ:
    return "(!" + binary(binary(a, "<", b), "||", binary(a, ">", b)) + ")";
  case P::UGT:
    return "(!" + binary(a, "<=", b) + ")";
  case P::UGE:
    return "(!" + binary(a, "<", b) + ")";
  case P::ULT:
    return "(!" + binary(a, ">=", b) + ")";
  case P::ULE:
    return "(!" + binary(a, ">", b) + ")";
  case P::UNE:
    return binary(a, "!=", b);
  case P::UNO:
    return binary(binary(a, "!=", a), "||", binary(b, "!=", b));
  }
  llvm_unreachable("unknown cmpf predicate");
}

static std::string compareInt(arith::CmpIOp op, Operands args) {
  using P = arith::CmpIPredicate;
  StringRef a = args[0], b = args[1];
  std::string ua = asUnsigned(op.getLhs(), a), ub = asUnsigned(op.getRhs(), b);
  switch (op.getPredicate()) {
  case P::eq:
    return binary(a, "==", b);
  case P::ne:
    return binary(a, "!=", b);
  case P::slt:
    return binary(a, "<", b);
  case P::sle:
    return binary(a, "<=", b);
  case P::sgt:
    return binary(a, ">", b);
  case P::sge:
    return binary(a, ">=", b);
  case P::ult:
    return binary(ua, "<", ub);
  case P::ule:
    return binary(ua, "<=", ub);
  case P::ugt:
    return binary(ua, ">", ub);
  case P::uge:
    return binary(ua, ">=", ub);
  }
  llvm_unreachable("unknown cmpi predicate");
}

/// Math ops that are one C++ call on their operands.
static std::optional<StringRef> getMathFunction(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<StringRef>>(op)
      .Case([](math::ExpOp) { return "hls::exp"; })
      .Case([](math::LogOp) { return "hls::log"; })
      .Case([](math::SqrtOp) { return "hls::sqrt"; })
      .Case([](math::RsqrtOp) { return "hls::rsqrt"; })
      .Case([](math::TanhOp) { return "hls::tanh"; })
      .Case([](math::ErfOp) { return "hls::erf"; })
      .Case([](math::SinOp) { return "hls::sin"; })
      .Case([](math::CosOp) { return "hls::cos"; })
      .Case([](math::PowFOp) { return "hls::pow"; })
      .Case([](math::AbsFOp) { return "hls::fabs"; })
      .Case([](math::Exp2Op) { return "std::exp2"; })
      .Case([](math::ExpM1Op) { return "std::expm1"; })
      .Case([](math::Log2Op) { return "std::log2"; })
      .Case([](math::Log10Op) { return "std::log10"; })
      .Case([](math::Log1pOp) { return "std::log1p"; })
      .Case([](math::TanOp) { return "std::tan"; })
      .Case([](math::AtanOp) { return "std::atan"; })
      .Case([](math::Atan2Op) { return "std::atan2"; })
      .Case([](math::SinhOp) { return "std::sinh"; })
      .Case([](math::CoshOp) { return "std::cosh"; })
      .Case([](math::AsinOp) { return "std::asin"; })
      .Case([](math::AcosOp) { return "std::acos"; })
      .Case([](math::CbrtOp) { return "std::cbrt"; })
      .Case([](math::FloorOp) { return "std::floor"; })
      .Case([](math::CeilOp) { return "std::ceil"; })
      .Case([](math::RoundOp) { return "std::round"; })
      // The default rounding mode is to nearest, ties to even.
      .Case([](math::RoundEvenOp) { return "std::nearbyint"; })
      .Case([](math::TruncOp) { return "std::trunc"; })
      .Case([](math::FmaOp) { return "std::fma"; })
      .Case([](math::CopySignOp) { return "std::copysign"; })
      .Case([](arith::RemFOp) { return "std::fmod"; })
      // NaN handling of fmax/fmin is maxnumf's; maximumf would return NaN.
      .Case<arith::MaximumFOp, arith::MaxNumFOp>(
          [](Operation *) { return "hls::fmax"; })
      .Case<arith::MinimumFOp, arith::MinNumFOp>(
          [](Operation *) { return "hls::fmin"; })
      .Default([](Operation *) { return std::nullopt; });
}

static std::optional<std::string> tryBuild(Operation *op, Operands args) {
  if (std::optional<StringRef> fn = getMathFunction(op))
    return callFn(*fn, args);
  Type type = op->getNumResults() == 1 ? op->getResult(0).getType() : Type();
  auto infix = [&](StringRef cop) {
    return wrapNarrow(type, binary(args[0], cop, args[1]));
  };
  return llvm::TypeSwitch<Operation *, std::optional<std::string>>(op)
      .Case([&](arith::ConstantOp constant) -> std::optional<std::string> {
        // A vector token of constants (--streamtensor-vectorize-streams).
        if (auto dense = dyn_cast<DenseElementsAttr>(constant.getValue())) {
          std::string vectorType = getCType(dense.getType());
          if (vectorType.empty() || isSubByte(dense.getElementType()))
            return std::nullopt;
          if (dense.isSplat())
            return vectorType + "(" +
                   buildLiteral(cast<TypedAttr>(dense.getSplatValue<Attribute>())) +
                   ")";
          std::string list;
          for (Attribute lane : dense.getValues<Attribute>())
            list += (list.empty() ? "" : ", ") + buildLiteral(cast<TypedAttr>(lane));
          return vectorType + "{" + list + "}";
        }
        auto attr = dyn_cast<TypedAttr>(constant.getValue());
        if (!isa_and_nonnull<FloatAttr, IntegerAttr>(attr))
          return std::nullopt;
        return buildLiteral(attr);
      })
      .Case<arith::AddFOp, arith::AddIOp>([&](auto) { return infix("+"); })
      .Case<arith::SubFOp, arith::SubIOp>([&](auto) { return infix("-"); })
      .Case<arith::MulFOp, arith::MulIOp>([&](auto) { return infix("*"); })
      .Case<arith::DivFOp, arith::DivSIOp>([&](auto) { return infix("/"); })
      .Case([&](arith::RemSIOp) { return infix("%"); })
      .Case([&](arith::AndIOp) { return infix("&"); })
      .Case([&](arith::OrIOp) { return infix("|"); })
      .Case([&](arith::XOrIOp) { return infix("^"); })
      .Case([&](arith::NegFOp) { return "(-" + args[0] + ")"; })
      .Case([&](arith::DivUIOp) { return unsignedBinary(op, args, "/"); })
      .Case([&](arith::RemUIOp) { return unsignedBinary(op, args, "%"); })
      .Case([&](arith::ShLIOp) { return unsignedBinary(op, args, "<<"); })
      .Case([&](arith::ShRUIOp) { return unsignedBinary(op, args, ">>"); })
      .Case([&](arith::ShRSIOp) { return infix(">>"); })
      .Case([&](arith::FloorDivSIOp) {
        // C division truncates; step down when the exact quotient is
        // negative and not whole.
        std::string inexact = binary(binary(args[0], "%", args[1]), "!=", "0");
        std::string negative =
            binary(binary(args[0], "<", "0"), "!=", binary(args[1], "<", "0"));
        return wrapNarrow(type, binary(binary(args[0], "/", args[1]), "-",
                                       binary(inexact, "&&", negative)));
      })
      .Case([&](arith::CeilDivSIOp) {
        std::string inexact = binary(binary(args[0], "%", args[1]), "!=", "0");
        std::string positive =
            binary(binary(args[0], "<", "0"), "==", binary(args[1], "<", "0"));
        return wrapNarrow(type, binary(binary(args[0], "/", args[1]), "+",
                                       binary(inexact, "&&", positive)));
      })
      .Case([&](arith::CeilDivUIOp) {
        std::string a = asUnsigned(op->getOperand(0), args[0]);
        std::string b = asUnsigned(op->getOperand(1), args[1]);
        return castTo(getCType(type),
                      binary(binary(a, "/", b), "+",
                             binary(binary(a, "%", b), "!=", "0")));
      })
      .Case([&](arith::MaxSIOp) {
        return select(binary(args[0], ">", args[1]), args[0], args[1]);
      })
      .Case([&](arith::MinSIOp) {
        return select(binary(args[0], "<", args[1]), args[0], args[1]);
      })
      .Case([&](arith::MaxUIOp) {
        return select(binary(asUnsigned(op->getOperand(0), args[0]), ">",
                             asUnsigned(op->getOperand(1), args[1])),
                      args[0], args[1]);
      })
      .Case([&](arith::MinUIOp) {
        return select(binary(asUnsigned(op->getOperand(0), args[0]), "<",
                             asUnsigned(op->getOperand(1), args[1])),
                      args[0], args[1]);
      })
      .Case([&](arith::CmpFOp cmp) {
        return compareFloat(cmp.getPredicate(), args[0], args[1]);
      })
      .Case([&](arith::CmpIOp cmp) { return compareInt(cmp, args); })
      .Case([&](arith::SelectOp) { return select(args[0], args[1], args[2]); })
      .Case<arith::SIToFPOp, arith::FPToSIOp, arith::TruncIOp,
            arith::IndexCastOp, arith::ExtFOp, arith::TruncFOp>(
          [&](Operation *) -> std::string {
            if (type.isInteger(1) && isa<arith::TruncIOp>(op))
              return castTo("bool", binary(args[0], "&", "1"));
            return castTo(getCType(type), args[0]);
          })
      .Case([&](arith::ExtSIOp) -> std::string {
        // A true i1 is -1 when sign-extended.
        if (op->getOperand(0).getType().isInteger(1))
          return select(args[0], castTo(getCType(type), "-1"),
                        castTo(getCType(type), "0"));
        return castTo(getCType(type), args[0]);
      })
      .Case<arith::UIToFPOp, arith::ExtUIOp, arith::IndexCastUIOp>(
          [&](Operation *) {
            return castTo(getCType(type),
                          asUnsigned(op->getOperand(0), args[0]));
          })
      .Case([&](arith::FPToUIOp) {
        return castTo(getCType(type), castTo(getUnsignedCType(type), args[0]));
      })
      .Case([&](math::AbsIOp) {
        return select(binary(args[0], "<", "0"), "(-" + args[0] + ")", args[0]);
      })
      .Default([](Operation *) { return std::nullopt; });
}

bool streamtensor::target::isSupportedScalarOp(Operation *op) {
  if (!isa<arith::ArithDialect, math::MathDialect>(op->getDialect()) ||
      op->getNumResults() != 1)
    return false;
  SmallVector<std::string> placeholders(op->getNumOperands(), "x");
  return tryBuild(op, placeholders).has_value();
}

std::string streamtensor::target::buildExpression(Operation *op,
                                                  Operands operands) {
  std::optional<std::string> expr = tryBuild(op, operands);
  assert(expr && "unsupported scalar op");
  return *expr;
}

static std::string formatFloat(const APFloat &value, Type type) {
  bool isF32 = type.isF32();
  if (value.isNaN())
    return isF32 ? "NAN" : "((double)NAN)";
  if (value.isInfinity()) {
    std::string inf = isF32 ? "INFINITY" : "((double)INFINITY)";
    return value.isNegative() ? "(-" + inf + ")" : inf;
  }
  // 9 and 17 significant digits print every float and double exactly.
  double number = value.convertToDouble();
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::format(isF32 ? "%.9g" : "%.17g", number);
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  if (isF32)
    text += "f";
  return number < 0 || value.isNegZero() ? "(" + text + ")" : text;
}

std::string streamtensor::target::buildLiteral(TypedAttr attr) {
  if (auto floatAttr = dyn_cast<FloatAttr>(attr)) {
    APFloat value = floatAttr.getValue();
    bool losesInfo = false;
    value.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    return formatFloat(value, attr.getType());
  }
  auto intAttr = cast<IntegerAttr>(attr);
  Type type = attr.getType();
  if (type.isInteger(1))
    return intAttr.getValue().isZero() ? "false" : "true";
  int64_t value = intAttr.getValue().getSExtValue();
  unsigned width = getIntWidth(type);
  // The literal of the most negative value does not exist in C: -N is the
  // negation of an N that does not fit.
  if (width >= 32 && value == std::numeric_limits<int64_t>::min())
    return "(-9223372036854775807LL - 1)";
  if (width == 32 && value == std::numeric_limits<int32_t>::min())
    return "(-2147483647 - 1)";
  std::string text = std::to_string(value);
  if (width == 64)
    text += "LL";
  return value < 0 ? "(" + text + ")" : text;
}
