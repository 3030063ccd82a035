# Reachmap: `make run` opens the app, `make test` runs every check CI runs,
# `make dist` writes the release packages to dist/. Each installs what is
# missing on a fresh Debian/Ubuntu machine first.

GO      ?= go
# The build tags, written here only (scripts ask `make -s print-tags`, and
# the tests that build the program use the tags they were built with):
# migrated_fynedo, as every goroutine-to-UI update goes through fyne.Do;
# no_emoji, as Reachmap's own text has no emoji (one in a user's tag is
# drawn from the system's fonts) and Fyne's bundled colour-emoji font
# would cost the window 16 MB, parsed once per text style.
TAGS    := migrated_fynedo,no_emoji
BIN     := bin/reachmap
PKGS    := ./...

.PHONY: all build run test tidy vet unit smoke bench deps test-deps screenshots clean azure-e2e \
	dist dist-deps dist-check print-version print-ldflags print-tags size

# The version is written once, in FyneApp.toml; the commit and the build
# date come from git and the clock (SOURCE_DATE_EPOCH, if set, for a
# reproducible date). They are stamped into internal/about with -X; a plain
# `go build` stamps nothing and says "devel" (internal/about's tests check
# that these -X paths reach the variables).
VERSION := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
COMMIT  := $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) || c=unknown; \
	[ "$$c" = unknown ] || git diff --quiet HEAD -- 2>/dev/null || c=$$c-dirty; echo $$c)
DATE    := $(shell date -u -d @$${SOURCE_DATE_EPOCH:-$$(date +%s)} +%Y-%m-%dT%H:%M:%SZ)
ABOUT   := github.com/reachmap/reachmap/internal/about
LDFLAGS := -X $(ABOUT).stampedVersion=$(VERSION) -X $(ABOUT).stampedCommit=$(COMMIT) -X $(ABOUT).stampedDate=$(DATE)
# fyne's version, pinned: `fyne package` makes the Linux tarball and the
# Windows executable.
FYNE_TOOLS := fyne.io/tools/cmd/fyne@v1.7.4
FYNE       := $(shell $(GO) env GOPATH)/bin/fyne
export FYNE

all: build

deps:
	@scripts/install-deps.sh build

# System packages, then the S3 servers the AWS tests talk to (moto is
# preinstalled with Python; versitygw is built with go install), and
# fake-gcs-server, the Cloud Storage emulator of the Google tests.
test-deps:
	@scripts/install-deps.sh test
	@scripts/s3-servers.sh install
	@scripts/gcs-server.sh install

# -trimpath as in the release build, so that the two share the build cache.
build: deps
	$(GO) build -tags $(TAGS) -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

# Opens the window. With no cloud account configured it offers the demo estate.
run: build
	./$(BIN)

# go.mod and go.sum must already be what `go mod tidy` would write.
tidy:
	$(GO) mod tidy -diff

vet: deps
	$(GO) vet -tags $(TAGS) $(PKGS)

# CI=true: test-deps has installed the servers and browsers the tests use,
# so a test that cannot start one fails instead of skipping.
unit: test-deps
	CI=true $(GO) test -race -tags $(TAGS) -count=1 -timeout 30m $(PKGS)

smoke: test-deps build
	scripts/smoke.sh $(BIN)

# dist-check builds the release packages and checks them (validators, the
# .deb unpacked into an empty root, the .exe under Wine).
test: tidy vet unit smoke azure-e2e dist-check

# The real binary against the loopback ARM and Graph stand-in; it fails if
# the stand-in receives anything but GET (the unit tests run the same).
azure-e2e: build
	scripts/azure-standin.sh $(BIN) > /dev/null

# Benchmarks print their figures; they assert nothing about speed.
bench: test-deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -timeout 60m $(PKGS)

screenshots: test-deps build
	scripts/smoke.sh $(BIN)
	cp shots/map.png docs/screenshot.png

print-version:
	@echo $(VERSION)

print-ldflags:
	@echo '$(LDFLAGS)'

print-tags:
	@echo $(TAGS)

# What the release packages need: the fyne tool, mingw-w64 for Windows,
# the desktop and AppStream validators, ImageMagick for the icon sizes and
# Wine to run the .exe.
dist-deps: deps
	@scripts/install-deps.sh dist
	@$(FYNE) version 2>/dev/null | grep -q 'v1.7.4' || $(GO) install $(FYNE_TOOLS)

# dist/: the Linux tarball (fyne package), the .deb (dpkg-deb), the Windows
# .exe (fyne package -os windows, mingw-w64) and SHA256SUMS.
dist: dist-deps
	scripts/dist.sh

dist-check: dist
	scripts/dist-check.sh

# What makes the binary large: sections and the biggest packages.
size: deps
	scripts/size.sh

clean:
	rm -rf bin shots dist build
