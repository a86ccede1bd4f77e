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
# Code generation tests (test/Target) compile emitted C++ against the
# simulation and host runtimes of this build.
config.substitutions.append(("%sim_include", os.path.join(config.streamtensor_src_root, "runtime", "sim", "include")))
config.substitutions.append(("%sim_lib", os.path.join(config.streamtensor_obj_root, "lib", "libStreamTensorSim.a")))
config.substitutions.append(("%host_include", os.path.join(config.streamtensor_src_root, "runtime", "host", "include")))
config.substitutions.append(("%host_libs", " ".join(os.path.join(config.streamtensor_obj_root, "lib", lib) for lib in ("libStreamTensorHost.a", "libStreamTensorParams.a"))))
config.substitutions.append(("%xrt_include", getattr(config, "xrt_include_dir", "")))
config.substitutions.append(("%hls_lint", config.python_executable + " " + os.path.join(config.streamtensor_src_root, "python", "streamtensor", "hls_lint.py")))
if getattr(config, "xrt_enabled", False):
    config.available_features.add("xrt")
