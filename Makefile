# Sabaq. `make run` serves on http://localhost:8080; `make test` is what CI runs.
GO      ?= go
BIN     := bin/sabaq
ADDR    ?= :8080
DB      ?= ./sabaq.db

.PHONY: generate build run test lint clean

## generate: regenerate the templ views (*_templ.go, committed)
generate:
	$(GO) tool templ generate

## build: compile the single binary into bin/
build:
	$(GO) build -o $(BIN) ./cmd/sabaq

## run: build and serve with the built-in timeline on $(DB)
run: build
	./$(BIN) serve -addr $(ADDR) -db $(DB)

## test: vet, formatting, templ freshness, then every test with the race detector
test: lint
	@$(GO) tool templ generate >/dev/null
	@if [ -n "$$(git status --porcelain -- '*_templ.go')" ]; then \
		echo "generated templ files are stale: run 'make generate' and commit them"; \
		git status --porcelain -- '*_templ.go'; git diff --stat -- '*_templ.go'; exit 1; fi
	$(GO) test -race ./...

## lint: go vet and a gofmt check
lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go') 2>&1); if [ -n "$$out" ]; then \
		echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## clean: remove build output
clean:
	rm -rf bin
