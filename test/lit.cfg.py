import os
import lit.formats

config.name = "StreamTensor"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".mlir", ".json", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.streamtensor_obj_root, "test")
# Unit tests run through their own config; inputs are data, not tests.
config.excludes = ["Unit", "Inputs", "lit.cfg.py", "lit.site.cfg.py.in", "CMakeLists.txt"]

path = [config.streamtensor_tools_dir, config.llvm_tools_dir]
config.environment["PATH"] = os.pathsep.join(path + [config.environment.get("PATH", os.environ["PATH"])])
config.environment["PYTHONPATH"] = os.path.join(config.streamtensor_src_root, "python")
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%srcroot", config.streamtensor_src_root))
