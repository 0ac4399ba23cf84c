# provisiond: the README's two commands are `go run ./cmd/provisiond serve` and `make test`.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: test lint build bench fuzz clean

## test: every test; services (PostgreSQL, slapd, Chromium, newman) are used when their env vars are set
test:
	go test -count=1 ./...

## lint: formatting and vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet ./...

## build: the static binary, built exactly as the Dockerfile builds it
build:
	CGO_ENABLED=0 go build -trimpath -ldflags "$(LDFLAGS)" -o bin/provisiond ./cmd/provisiond

clean:
	rm -rf bin
