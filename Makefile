# mlepkg — build, test, demo and benchmark.
#
#   make demo    builds mlepkg and runs its whole job on a generated demo benchmark, offline
#                (installs missing Debian packages and .pydeps first)
#   make test    runs the whole test suite (installs missing Debian packages first)
#   make bench   measures against named baselines, printing ratios
#   make fuzz    fuzzes the parsers of untrusted bytes with libFuzzer (FUZZ_SECONDS each)
#   make man     writes the manual page, .build/man/mlepkg.1
#   make install PREFIX=/usr/local   the binary, its manual page and the registry

PREFIX ?= /usr/local
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
# Libraries mlepkg links against, and the tools its tests and benchmarks drive.
APT_PACKAGES := libarchive-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev pkg-config \
                python3 python3-pip time curl bc zstd xz-utils p7zip-full openssl chromium \
                bubblewrap busybox-static munge slurmctld slurmd slurm-client
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps pydeps build release test demo bench man install clean support-table fuzz

# pandas, numpy and scikit-learn at the versions MLE-bench's facts were checked with: the
# reference implementation that tests and benchmarks compare against (never used by mlepkg).
PYDEPS := $(CURDIR)/.pydeps
pydeps: deps
	@PYTHONPATH=$(PYDEPS) python3 -c 'import pandas, sklearn' 2>/dev/null || \
	  { echo "installing pandas 2.2.2, numpy 1.26.4, scikit-learn 1.5.1 into .pydeps (reference for tests)"; \
	    python3 -m pip install -q --disable-pip-version-check --target $(PYDEPS) pandas==2.2.2 numpy==1.26.4 scikit-learn==1.5.1 >/dev/null \
	    || echo "warning: could not install the reference packages; the tests that compare with them will be skipped"; }
	@# The version is checked, not only the import: an older moto elsewhere on the path disagrees
	@# with libcurl's SigV4 signatures.
	@PYTHONPATH=$(PYDEPS) python3 -c 'import moto.server, boto3; assert moto.__version__ == "5.2.5"' 2>/dev/null || \
	  { echo "installing moto 5.2.5 (an S3 server for the mirror tests) into .pydeps"; \
	    python3 -m pip install -q --disable-pip-version-check --target $(PYDEPS) 'moto[server]==5.2.5' >/dev/null \
	    || echo "warning: could not install moto; the S3 mirror test will be skipped"; }

all: build

# Installs only what is missing, so a second run costs one dpkg query.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@if ! [ -x "$(SWIFT)" ] && ! command -v swift >/dev/null; then \
	  echo "no Swift toolchain found: trying Debian's swiftlang package"; \
	  $(SUDO) apt-get install -y -qq swiftlang >/dev/null || { echo "error: install Swift 6 from https://swift.org/install and put it on PATH" >&2; exit 1; }; \
	fi

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in statically: a self-contained binary for
# `make install`, and 10 ms less start-up on every call (an agent may call `validate` often).
RELEASE := -c release --static-swift-stdlib

release: deps
	$(SWIFT) build $(RELEASE)

# The release binary too: a test follows the README's tour with it, as a user would.
test: deps pydeps release
	$(SWIFT) build --build-tests
	MLEPKG_PYDEPS=$(PYDEPS) $(SWIFT) test --skip-build

# The demo's generator writes its Meta Kaggle snapshot with numpy (from .pydeps); the agents
# need only the host's python3.
demo: release pydeps
	@MLEPKG_PYDEPS=$(PYDEPS) bash scripts/demo.sh "$$($(SWIFT) build $(RELEASE) --show-bin-path)/mlepkg"

bench: release pydeps
	@MLEPKG_PYDEPS=$(PYDEPS) bash scripts/bench.sh "$$($(SWIFT) build $(RELEASE) --show-bin-path)/mlepkg"

# The manual page is written from the same help text `mlepkg --help` prints, by
# swift-argument-parser's generate-manual plugin (one page, every subcommand in it). The plugin
# builds the package first; a debug build is the one `make test` has already made.
man: deps
	$(SWIFT) package generate-manual --configuration debug --authors "the mlepkg authors"
	@page=$$(ls .build/plugins/GenerateManual/outputs/*/mlepkg.1 | head -n 1); \
	  mkdir -p .build/man && cp "$$page" .build/man/mlepkg.1 && echo "wrote .build/man/mlepkg.1 (man -l .build/man/mlepkg.1)"

install: release man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/mlepkg $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 "$$($(SWIFT) build $(RELEASE) --show-bin-path)/mlepkg" $(DESTDIR)$(PREFIX)/bin/mlepkg
	install -m 644 .build/man/mlepkg.1 $(DESTDIR)$(PREFIX)/share/man/man1/mlepkg.1
	rm -rf $(DESTDIR)$(PREFIX)/share/mlepkg/registry
	cp -R registry $(DESTDIR)$(PREFIX)/share/mlepkg/registry

# Coverage-guided fuzzing (not part of `make test`: it runs for minutes). Each parser runs for
# FUZZ_SECONDS from the seeds in Fuzz/corpus/<parser>; inputs it finds go to .build/fuzz/corpus,
# crashes to .build/fuzz/crash-*. Replay one: `swift run mlepkg-fuzz PARSER FILE`.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= csv toml tree archive
FUZZ_FLAGS := -c release --build-path .build/fuzz --product mlepkg-fuzz \
              -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
fuzz: deps
	$(SWIFT) build $(FUZZ_FLAGS)
	@bin="$$($(SWIFT) build $(FUZZ_FLAGS) --show-bin-path)/mlepkg-fuzz"; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build/fuzz/corpus/$$t; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no MLEPKG_FUZZ_TARGET=$$t "$$bin" -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=65536 \
	    -print_final_stats=1 -artifact_prefix=.build/fuzz/crash-$$t- \
	    .build/fuzz/corpus/$$t Fuzz/corpus/$$t > .build/fuzz/$$t.log 2>&1; rc=$$?; \
	  grep -E "^(stat::number_of_executed_units|Done|SUMMARY)|crash-|deadly|Timeout" .build/fuzz/$$t.log; \
	  [ $$rc -eq 0 ] || { echo "fuzzing $$t failed: see .build/fuzz/$$t.log"; exit 1; }; \
	done

clean:
	rm -rf .build .demo bench-out .pydeps

# Regenerates the README's support table from the registry.
support-table: build
	@$(SWIFT) run -q mlepkg recipes --table --registry registry > .support-table.md
	@python3 -c 'import re,sys; s=open("README.md").read(); t=open(".support-table.md").read(); \
	  a="<!-- support-table:begin -->\n"; b="<!-- support-table:end -->"; \
	  i=s.index(a)+len(a); j=s.index(b); open("README.md","w").write(s[:i]+t+s[j:])'
	@rm -f .support-table.md
