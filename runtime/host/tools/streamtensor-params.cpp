// Lists the tensors of a packed parameter file after validating it, so
// writers in other languages can check their output.
#include "streamtensor/host/ParamFile.h"

#include <iostream>

using namespace streamtensor::host;

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " PARAMS\n"
              << "  prints 'name dtype [shape] offset bytes' per tensor\n";
    return 1;
  }
  try {
    ParamFile file = ParamFile::open(argv[1]);
    for (const TensorInfo &t : file.tensors()) {
      std::cout << t.name << ' ' << dtypeName(t.dtype) << " [";
      for (std::size_t i = 0; i < t.shape.size(); ++i)
        std::cout << (i ? "," : "") << t.shape[i];
      std::cout << "] " << t.offset << ' ' << t.bytes << '\n';
    }
  } catch (const std::exception &e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
