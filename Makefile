# Sabaq. `make run` serves on http://localhost:8080; `make test` is what CI runs.
GO      ?= go
BIN     := bin/sabaq
ADDR    ?= :8080
DB      ?= ./sabaq.db

.PHONY: generate build install run test lint clean e2e bench

## generate: regenerate the templ views (*_templ.go, committed)
generate:
	$(GO) tool templ generate

## build: compile the single binary into bin/
build:
	$(GO) build -o $(BIN) ./cmd/sabaq

## install: put `sabaq` on the PATH ($$(go env GOBIN), else $$(go env GOPATH)/bin)
install:
	$(GO) install ./cmd/sabaq

## run: build and serve with the built-in timeline on $(DB)
run: build
	./$(BIN) serve -addr $(ADDR) -db $(DB)

## test: vet, formatting, templ freshness, then every test with the race detector
test: lint
	@$(GO) tool templ generate >/dev/null
	@if [ -n "$$(git status --porcelain -- '*_templ.go')" ]; then \
		echo "generated templ files are stale: run 'make generate' and commit them"; \
		git status --porcelain -- '*_templ.go'; git diff --stat -- '*_templ.go'; exit 1; fi
	$(GO) test -race -timeout 25m ./...

## lint: go vet and a gofmt check
lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go') 2>&1); if [ -n "$$out" ]; then \
		echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## e2e: the browser tests: the real server driven through Debian's headless
## chromium, with axe-core (pinned in $(E2E_DIR)) on every page visited;
## failure screenshots go to $$E2E_SCREENSHOTS or e2e-screenshots/<time>/
E2E_DIR := cmd/sabaq/testdata/e2e
e2e:
	@command -v chromium >/dev/null || { echo "e2e: chromium is not installed: apt-get install chromium"; exit 1; }
	@command -v npm >/dev/null || { echo "e2e: npm is not installed: apt-get install npm"; exit 1; }
	npm ci --prefix $(E2E_DIR) --no-audit --no-fund --loglevel=error
	$(GO) vet -tags e2e ./cmd/sabaq/
	$(GO) test -tags e2e -count=1 -timeout 15m -run E2E -v ./cmd/sabaq/

## bench: build the server and measure it on this machine (cmd/sabaq-bench):
## next card, review submit and timeline under load, their ceilings, memory,
## cold start, page weight, and growth to 20,000 learners. About 5 minutes and
## 6 GB of temporary disk ($$TMPDIR); not part of test or CI. BENCH_FLAGS adds
## flags, e.g. BENCH_FLAGS='-duration 5s -growth=false'.
bench:
	$(GO) run ./cmd/sabaq-bench -growth $(BENCH_FLAGS)

## clean: remove build output
clean:
	rm -rf bin
