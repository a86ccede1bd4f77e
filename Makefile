# The two entry points of the README: `make demo` and `make test`.
# Both install system packages first (a no-op when present) and build.
BUILD_DIR ?= build
PYTHON := /usr/bin/python3
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test check-lit check-python demo clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@mkdir -p $(BUILD_DIR)
	@cmake -G Ninja -S . -B $(BUILD_DIR) -Wno-dev > $(BUILD_DIR)/configure.log 2>&1 \
	  || (cat $(BUILD_DIR)/configure.log; exit 1)

build: configure
	@ninja -C $(BUILD_DIR) -j $(JOBS)

check-lit: build
	@ninja -C $(BUILD_DIR) check-streamtensor

check-python: build
	@PYTHONPATH=python STREAMTENSOR_BUILD_DIR=$(abspath $(BUILD_DIR)) \
	  $(PYTHON) -m pytest -q python/tests

test: check-lit check-python

demo: build
	@bash scripts/demo.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
