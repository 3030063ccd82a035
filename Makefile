# Reachmap: `make run` opens the app, `make test` runs every check CI runs.
# Both install what is missing on a fresh Debian/Ubuntu machine first.

GO      ?= go
TAGS    := migrated_fynedo
BIN     := bin/reachmap
PKGS    := ./...

.PHONY: all build run test tidy vet unit smoke bench deps test-deps screenshots clean azure-e2e

all: build

deps:
	@scripts/install-deps.sh build

# System packages, then the S3 servers the AWS tests talk to (moto is
# preinstalled with Python; versitygw is built with go install).
test-deps:
	@scripts/install-deps.sh test
	@scripts/s3-servers.sh install

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

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

test: tidy vet unit smoke azure-e2e

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

clean:
	rm -rf bin shots
