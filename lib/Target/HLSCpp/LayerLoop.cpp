//===- LayerLoop.cpp - A kernel that runs every layer of a block ----------===//
//
// Part of the StreamTensor project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LayerLoop.h"
#include "HostLayouts.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace streamtensor;
using namespace streamtensor::target;

namespace {
/// Reports problems of the attribute on the module.
struct Checker {
  ModuleOp module;
  InFlightDiagnostic error() {
    return mlir::emitError(module.getLoc(), kLayerLoopAttr) << ": ";
  }
};
} // namespace

static int64_t product(ArrayRef<int64_t> values) {
  int64_t result = 1;
  for (int64_t v : values)
    result *= v;
  return result;
}

static std::optional<unsigned> findTensor(const Design &design, StringRef name) {
  for (auto [i, tensor] : llvm::enumerate(design.tensors))
    if (tensor.name == name)
      return i;
  return std::nullopt;
}

static int64_t getPortElementBytes(const Tensor &tensor) {
  return tensor.getStorageElementType().getIntOrFloatBitWidth() *
         tensor.getLanes() / 8;
}

/// Whether `a`'s port holds `b`'s elements in the same places: the same
/// layout, or both row-major in ports of one type.
static bool haveSameStorage(const Tensor &a, const Tensor &b, MLIRContext *ctx) {
  if (haveSameLayout(a, b, ctx))
    return true;
  return a.type == b.type && !a.isPacked() && !b.isPacked() &&
         a.getLanes() == b.getLanes();
}

static FailureOr<StringRef> getName(Checker &check, Attribute attr,
                                    StringRef what) {
  auto name = dyn_cast_or_null<StringAttr>(attr);
  if (!name) {
    check.error() << what << " must be a string";
    return failure();
  }
  return name.getValue();
}

FailureOr<std::optional<LayerLoop>>
streamtensor::target::getLayerLoop(Design &design) {
  ModuleOp module = design.module;
  if (!module->hasAttr(kLayerLoopAttr))
    return std::optional<LayerLoop>();
  Checker check{module};
  auto functions = module->getAttrOfType<DictionaryAttr>(kLayerLoopAttr);
  if (!functions) {
    check.error() << "must be a dictionary from function names to layer loops";
    return failure();
  }
  // The entry of a top, or of the function that calls the design's tops
  // (the model function the kernels were split from).
  auto callsTop = [&](StringRef name) {
    auto caller = module.lookupSymbol<func::FuncOp>(name);
    if (!caller)
      return false;
    bool calls = false;
    caller.walk([&](func::CallOp call) {
      for (Top &top : design.tops)
        calls |= call.getCallee() == top.func.getSymName();
    });
    return calls;
  };
  DictionaryAttr dict;
  for (NamedAttribute entry : functions) {
    bool isTop = llvm::any_of(design.tops, [&](Top &top) {
      return top.func.getSymName() == entry.getName().getValue();
    });
    if (!isTop && !callsTop(entry.getName().getValue()))
      continue;
    dict = dyn_cast<DictionaryAttr>(entry.getValue());
    if (!dict) {
      check.error() << "the entry of @" << entry.getName().getValue()
                    << " must be a dictionary";
      return failure();
    }
  }
  // The module's other functions may have layer loops of their own.
  if (!dict)
    return std::optional<LayerLoop>();
  if (design.tops.size() != 1) {
    check.error() << "a layer loop needs a design of one kernel; this one has "
                  << design.tops.size();
    return failure();
  }
  LayerLoop loop;
  loop.top = &design.tops.front();
  auto layers = dict.getAs<IntegerAttr>("layers");
  if (!layers || layers.getInt() < 1) {
    check.error() << "'layers' must be a positive integer";
    return failure();
  }
  loop.layers = layers.getInt();

  // The chained pair: an input the design reads, an output of the same type.
  auto chain = dict.getAs<ArrayAttr>("chain");
  if (!chain || chain.size() != 2) {
    check.error() << "'chain' must name an input and an output";
    return failure();
  }
  FailureOr<StringRef> chainIn = getName(check, chain[0], "'chain'");
  FailureOr<StringRef> chainOut = getName(check, chain[1], "'chain'");
  if (failed(chainIn) || failed(chainOut))
    return failure();
  std::optional<unsigned> in = findTensor(design, *chainIn);
  std::optional<unsigned> out = findTensor(design, *chainOut);
  if (!in || design.tensors[*in].weight || design.tensors[*in].producer >= 0) {
    check.error() << "'chain' input '" << *chainIn
                  << "' is not an input of the design";
    return failure();
  }
  if (!out || design.tensors[*out].producer < 0) {
    check.error() << "'chain' output '" << *chainOut
                  << "' is not an output of the design";
    return failure();
  }
  if (!haveSameStorage(design.tensors[*in], design.tensors[*out],
                       module.getContext())) {
    check.error() << "'" << *chainIn << "' and '" << *chainOut
                  << "' differ in type or layout; a layer cannot read what "
                     "the previous one wrote";
    return failure();
  }
  loop.chainIn = *in;
  loop.chainOut = *out;

  llvm::SmallDenseSet<unsigned> perLayer;
  if (auto names = dict.getAs<ArrayAttr>("per_layer")) {
    for (Attribute attr : names) {
      FailureOr<StringRef> name = getName(check, attr, "'per_layer'");
      if (failed(name))
        return failure();
      std::optional<unsigned> t = findTensor(design, *name);
      if (!t || design.tensors[*t].weight || design.tensors[*t].producer >= 0 ||
          *t == *in) {
        check.error() << "'per_layer' entry '" << *name
                      << "' is not an input of the design other than the "
                         "chained one";
        return failure();
      }
      perLayer.insert(*t);
    }
  }

  // The top's ports, then the caches it lacks.
  NameScope scope(&design.globals);
  for (const Port &port : loop.top->ports)
    scope.reserve(port.cName);
  for (const Port &port : loop.top->ports) {
    const Tensor &tensor = design.tensors[port.tensor];
    LayerLoopArg arg;
    arg.cName = port.cName;
    arg.cType = getPortCType(tensor.type.getElementType());
    arg.tensor = tensor.name;
    arg.role = toString(port.kind).str();
    arg.elements = tensor.type.getNumElements();
    arg.elementBytes = getPortElementBytes(tensor);
    arg.tensorIndex = port.tensor;
    if (tensor.weight || perLayer.contains(port.tensor))
      arg.perLayerElements = arg.elements;
    loop.args.push_back(std::move(arg));
  }

  auto appends = dict.getAs<ArrayAttr>("append");
  for (Attribute attr : appends ? appends.getValue() : ArrayRef<Attribute>()) {
    auto entry = dyn_cast<DictionaryAttr>(attr);
    if (!entry) {
      check.error() << "'append' entries must be dictionaries";
      return failure();
    }
    FailureOr<StringRef> fromName = getName(check, entry.get("from"), "'from'");
    FailureOr<StringRef> toName = getName(check, entry.get("to"), "'to'");
    if (failed(fromName) || failed(toName))
      return failure();
    std::optional<unsigned> from = findTensor(design, *fromName);
    if (!from || design.tensors[*from].producer < 0 || *from == *out) {
      check.error() << "'from' '" << *fromName
                    << "' is not an output of the design other than the "
                       "chained one";
      return failure();
    }
    const Tensor &rows = design.tensors[*from];
    if (!rows.getElementType().isF32()) {
      check.error() << "'" << *fromName << "' holds "
                    << rows.getElementType() << "; caches hold f32";
      return failure();
    }
    SmallVector<int64_t> shape;
    std::optional<dataflow::InterfaceLayout> layout;
    unsigned target;
    if (std::optional<unsigned> cache = findTensor(design, *toName)) {
      const Tensor &tensor = design.tensors[*cache];
      if (tensor.weight || tensor.producer >= 0 || *cache == *in ||
          perLayer.contains(*cache) || tensor.getElementType() != rows.getElementType()) {
        check.error() << "'to' '" << *toName
                      << "' must be an f32 input of the design that is not "
                         "chained or per layer";
        return failure();
      }
      shape.assign(tensor.logicalShape.begin(), tensor.logicalShape.end());
      auto found = llvm::find_if(loop.args, [&](const LayerLoopArg &a) {
        return a.tensorIndex == *cache;
      });
      if (found->role == "cache") {
        check.error() << "cache '" << *toName << "' is appended to twice";
        return failure();
      }
      found->role = "cache";
      found->perLayerElements = found->elements;
      found->shape = shape;
      found->layout = tensor.layout;
      target = found - loop.args.begin();
    } else {
      auto shapeAttr = entry.getAs<DenseI64ArrayAttr>("shape");
      layout = dataflow::InterfaceLayout::fromAttr(entry.get("layout"));
      if (!shapeAttr || !layout || shapeAttr.size() < 1 ||
          llvm::any_of(shapeAttr.asArrayRef(), [](int64_t d) { return d < 1; })) {
        check.error() << "cache '" << *toName
                      << "' is not a port of the design, so its entry needs "
                         "'shape' and 'layout'";
        return failure();
      }
      shape.assign(shapeAttr.asArrayRef().begin(), shapeAttr.asArrayRef().end());
      int64_t elements = product(shape);
      if (layout->contiguous &&
          (product(layout->shape) != elements || layout->lanes < 1 ||
           elements % layout->lanes != 0)) {
        check.error() << "the layout of cache '" << *toName
                      << "' does not hold its " << elements << " elements";
        return failure();
      }
      if (!layout->contiguous)
        layout.reset();
      LayerLoopArg arg;
      arg.cName = scope.unique(*toName);
      int64_t lanes = layout ? layout->lanes : 1;
      arg.cType = lanes > 1 ? "hls::vector<float, " + std::to_string(lanes) + ">"
                            : "float";
      arg.tensor = toName->str();
      arg.role = "cache";
      arg.elements = arg.perLayerElements = elements / lanes;
      arg.elementBytes = 4 * lanes;
      arg.shape = shape;
      arg.layout = layout;
      target = loop.args.size();
      loop.args.push_back(std::move(arg));
    }
    ArrayRef<int64_t> rowShape = rows.logicalShape;
    if (rowShape.empty() || shape.size() != rowShape.size() ||
        !llvm::equal(rowShape.drop_front(), ArrayRef<int64_t>(shape).drop_front()) ||
        rowShape.front() > shape.front()) {
      check.error() << "rows of '" << *fromName << "' do not fit cache '"
                    << *toName << "'";
      return failure();
    }
    loop.appends.push_back({*from, target});
  }

  // Kernels linked into one xclbin need names of their own: the prefill
  // and decode blocks both have a top `block_fused_0`.
  std::string name = loop.top->cName + "_layers";
  if (Attribute kernel = dict.get("kernel")) {
    FailureOr<StringRef> given = getName(check, kernel, "'kernel'");
    if (failed(given))
      return failure();
    name = given->str();
  }
  loop.cName = design.globals.unique(name);
  loop.chainName = design.globals.unique(loop.top->cName + "_next_layer_input");
  for (const LayerLoopAppend &append : loop.appends)
    loop.appendNames.push_back(design.globals.unique(
        loop.top->cName + "_append_" + design.tensors[append.from].name));
  return std::optional<LayerLoop>(std::move(loop));
}

//===----------------------------------------------------------------------===//
// Emission
//===----------------------------------------------------------------------===//

/// Port strides of a packed layout's dimensions: within a tile (`inner`)
/// and between tiles (`outer`), as tensor.pack stores them.
struct PackedStrides {
  SmallVector<int64_t> inner, outer;
};

static PackedStrides getPackedStrides(const dataflow::InterfaceLayout &l) {
  size_t rank = l.shape.size();
  PackedStrides strides{SmallVector<int64_t>(rank), SmallVector<int64_t>(rank)};
  int64_t stride = 1;
  for (size_t d = rank; d-- > 0;) {
    strides.inner[d] = stride;
    stride *= l.innerTiles[d];
  }
  for (size_t k = rank; k-- > 0;) {
    size_t d = l.outerDimsPerm[k];
    strides.outer[d] = stride;
    stride *= l.shape[d] / l.innerTiles[d];
  }
  return strides;
}

/// The position in the port of logical element `flat` (an expression).
static std::string
getOffsetExpr(StringRef flat,
              const std::optional<dataflow::InterfaceLayout> &layout) {
  if (!layout || !layout->packed)
    return flat.str();
  const dataflow::InterfaceLayout &l = *layout;
  size_t rank = l.shape.size();
  auto [inner, outer] = getPackedStrides(l);
  SmallVector<int64_t> logical(rank);
  int64_t stride = 1;
  for (size_t d = rank; d-- > 0;) {
    logical[d] = stride;
    stride *= l.shape[d];
  }
  std::string sum;
  for (size_t d = 0; d < rank; ++d) {
    if (l.shape[d] == 1)
      continue;
    std::string index = "(" + flat.str();
    if (logical[d] != 1)
      index += " / " + std::to_string(logical[d]);
    if (d != 0)
      index += " % " + std::to_string(l.shape[d]);
    index += ")";
    int64_t tile = l.innerTiles[d];
    auto term = [&](StringRef op, int64_t stride) {
      std::string text = index;
      if (tile != 1)
        text += (" " + op + " ").str() + std::to_string(tile);
      if (stride != 1)
        text += " * " + std::to_string(stride);
      sum += (sum.empty() ? "" : " + ") + text;
    };
    if (tile != l.shape[d])
      term("/", outer[d]);
    if (tile != 1)
      term("%", inner[d]);
  }
  return sum.empty() ? "0" : sum;
}

/// The position in the port of logical element `flat`, as getOffsetExpr
/// computes it.
static int64_t
getOffset(int64_t flat, const std::optional<dataflow::InterfaceLayout> &layout) {
  if (!layout || !layout->packed)
    return flat;
  const dataflow::InterfaceLayout &l = *layout;
  size_t rank = l.shape.size();
  auto [inner, outer] = getPackedStrides(l);
  int64_t offset = 0;
  for (size_t d = rank; d-- > 0;) {
    int64_t index = flat % l.shape[d];
    flat /= l.shape[d];
    offset += index / l.innerTiles[d] * outer[d] + index % l.innerTiles[d] * inner[d];
  }
  return offset;
}

/// Whether every run of `lanes` elements of a row, in the first `rows` rows
/// of `rowElements` each, is one whole word of the port.
static bool keepsWords(const std::optional<dataflow::InterfaceLayout> &layout,
                       int64_t rows, int64_t rowElements, int64_t lanes) {
  if (lanes < 2 || rowElements % lanes != 0)
    return false;
  for (int64_t flat = 0; flat < rows * rowElements; flat += lanes) {
    int64_t first = getOffset(flat, layout);
    if (first % lanes != 0)
      return false;
    for (int64_t i = 1; i < lanes; ++i)
      if (getOffset(flat + i, layout) != first + i)
        return false;
  }
  return true;
}

static std::string getAccess(StringRef pointer, StringRef offset, int64_t lanes) {
  if (lanes == 1)
    return (pointer + "[" + offset + "]").str();
  std::string l = std::to_string(lanes);
  return (pointer + "[" + offset + " / " + l + "][" + offset + " % " + l + "]")
      .str();
}

void streamtensor::target::emitLayerLoop(const Design &design,
                                         const LayerLoop &loop,
                                         raw_ostream &os) {
  const LayerLoopArg &in = *llvm::find_if(loop.args, [&](const LayerLoopArg &a) {
    return a.tensorIndex == loop.chainIn;
  });
  os << "// Layer L + 1 reads what layer L wrote.\n"
     << "static void " << loop.chainName << "(const " << in.cType
     << " *from, " << in.cType << " *to) {\n"
     << "  for (int i = 0; i < " << in.elements << "; ++i) {\n"
     << "#pragma HLS pipeline II=1\n"
     << "    to[i] = from[i];\n"
     << "  }\n"
     << "}\n\n";

  for (auto [append, name] : llvm::zip(loop.appends, loop.appendNames)) {
    const Tensor &rows = design.tensors[append.from];
    const LayerLoopArg &cache = loop.args[append.target];
    int64_t rowElements = product(ArrayRef<int64_t>(rows.logicalShape).drop_front());
    int64_t cacheRows = cache.shape.front();
    int64_t cacheLanes = cache.layout ? cache.layout->lanes : 1;
    // Whole words when both sides keep a row's runs of lanes in words (at
    // every cache row, so at any position); else one element at a time.
    int64_t lanes = rows.getLanes();
    bool words = lanes == cacheLanes &&
                 keepsWords(rows.layout, rows.logicalShape.front(), rowElements,
                            lanes) &&
                 keepsWords(cache.layout, cacheRows, rowElements, lanes);
    int64_t step = words ? lanes : 1;
    std::string copy =
        words ? "to[target / " + std::to_string(lanes) + "] = from[source / " +
                    std::to_string(lanes) + "]"
              : getAccess("to", "target", cacheLanes) + " = " +
                    getAccess("from", "source", lanes);
    os << "// Rows of " << quoteCString(rows.name) << " into cache "
       << quoteCString(cache.tensor) << " from row `position` on.\n"
       << "static void " << name << "(const "
       << getPortCType(rows.type.getElementType()) << " *from, " << cache.cType
       << " *to, int position) {\n"
       << "  for (int i = 0; i < " << rows.getNumElements() / step
       << "; ++i) {\n"
       << "#pragma HLS pipeline II=1\n"
       << "    const int row = i / " << rowElements / step << " + position;\n"
       << "    if (row < 0 || row >= " << cacheRows << ")\n"
       << "      continue;\n"
       << "    const int source = "
       << getOffsetExpr(step == 1 ? "i" : "i * " + std::to_string(step),
                        rows.layout)
       << ";\n"
       << "    const int flat = row * " << rowElements << " + i % "
       << rowElements / step << (step == 1 ? "" : " * " + std::to_string(step))
       << ";\n"
       << "    const int target = " << getOffsetExpr("flat", cache.layout)
       << ";\n"
       << "    " << copy << ";\n"
       << "  }\n"
       << "}\n\n";
  }

  os << "// Every layer of the block: layer L's weights and per-layer inputs "
        "start at\n// L times one layer's size in their ports.\n"
     << "extern \"C\" void " << loop.cName << "(";
  for (const LayerLoopArg &arg : loop.args)
    os << arg.cType << " *" << arg.cName << ", ";
  os << "int position) {\n";
  for (auto [i, arg] : llvm::enumerate(loop.args))
    os << "#pragma HLS interface m_axi port=" << arg.cName << " bundle=gmem"
       << i << " offset=slave depth="
       << (arg.perLayerElements ? arg.perLayerElements * loop.layers
                                : arg.elements)
       << "\n";
  for (const LayerLoopArg &arg : loop.args)
    os << "#pragma HLS interface s_axilite port=" << arg.cName
       << " bundle=control\n";
  os << "#pragma HLS interface s_axilite port=position bundle=control\n"
     << "#pragma HLS interface s_axilite port=return bundle=control\n"
     << "  for (int layer = 0; layer < " << loop.layers << "; ++layer) {\n"
     << "    const long at = layer;\n";
  const LayerLoopArg &out = *llvm::find_if(loop.args, [&](const LayerLoopArg &a) {
    return a.tensorIndex == loop.chainOut;
  });
  os << "    if (layer > 0)\n"
     << "      " << loop.chainName << "(" << out.cName << ", " << in.cName
     << ");\n";
  auto argument = [&](const LayerLoopArg &arg) {
    if (!arg.perLayerElements)
      return arg.cName;
    return arg.cName + " + at * " + std::to_string(arg.perLayerElements);
  };
  os << "    " << loop.top->cName << "(";
  for (auto [i, port] : llvm::enumerate(loop.top->ports))
    os << (i ? ", " : "") << argument(loop.args[i]);
  os << ");\n";
  for (auto [append, name] : llvm::zip(loop.appends, loop.appendNames)) {
    const LayerLoopArg &from = *llvm::find_if(loop.args, [&](const LayerLoopArg &a) {
      return a.tensorIndex == append.from;
    });
    os << "    " << name << "(" << from.cName << ", "
       << argument(loop.args[append.target]) << ", position);\n";
  }
  os << "  }\n"
     << "}\n";
}
