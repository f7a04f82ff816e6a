# mlepkg — build, test, demo and benchmark.
#
#   make demo    builds mlepkg and runs the tour (installs missing Debian packages first)
#   make test    runs the whole test suite (installs missing Debian packages first)
#   make bench   measures against named baselines, printing ratios
#   make install PREFIX=/usr/local

PREFIX ?= /usr/local
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
# Libraries mlepkg links against, and the tools its tests and benchmarks drive.
APT_PACKAGES := libarchive-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev pkg-config \
                python3 python3-pip time curl bc zstd xz-utils p7zip-full openssl chromium \
                bubblewrap busybox-static munge slurmctld slurmd slurm-client
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps pydeps build release test demo bench install clean support-table

# pandas, numpy and scikit-learn at the versions MLE-bench's facts were checked with: the
# reference implementation that tests and benchmarks compare against (never used by mlepkg).
PYDEPS := $(CURDIR)/.pydeps
pydeps: deps
	@PYTHONPATH=$(PYDEPS) python3 -c 'import pandas, sklearn' 2>/dev/null || \
	  { echo "installing pandas 2.2.2, numpy 1.26.4, scikit-learn 1.5.1 into .pydeps (reference for tests)"; \
	    python3 -m pip install -q --disable-pip-version-check --target $(PYDEPS) pandas==2.2.2 numpy==1.26.4 scikit-learn==1.5.1 >/dev/null \
	    || echo "warning: could not install the reference packages; the tests that compare with them will be skipped"; }

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

test: deps pydeps
	$(SWIFT) build --build-tests
	MLEPKG_PYDEPS=$(PYDEPS) $(SWIFT) test --skip-build

demo: release
	@bash scripts/demo.sh "$$($(SWIFT) build $(RELEASE) --show-bin-path)/mlepkg"

bench: release pydeps
	@MLEPKG_PYDEPS=$(PYDEPS) bash scripts/bench.sh "$$($(SWIFT) build $(RELEASE) --show-bin-path)/mlepkg"

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/mlepkg
	install -m 755 "$$($(SWIFT) build $(RELEASE) --show-bin-path)/mlepkg" $(DESTDIR)$(PREFIX)/bin/mlepkg
	rm -rf $(DESTDIR)$(PREFIX)/share/mlepkg/registry
	cp -R registry $(DESTDIR)$(PREFIX)/share/mlepkg/registry

clean:
	rm -rf .build .demo bench-out .pydeps

# Regenerates the README's support table from the registry.
support-table: build
	@$(SWIFT) run -q mlepkg recipes --table --registry registry > .support-table.md
	@python3 -c 'import re,sys; s=open("README.md").read(); t=open(".support-table.md").read(); \
	  a="<!-- support-table:begin -->\n"; b="<!-- support-table:end -->"; \
	  i=s.index(a)+len(a); j=s.index(b); open("README.md","w").write(s[:i]+t+s[j:])'
	@rm -f .support-table.md
