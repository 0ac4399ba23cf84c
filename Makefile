# provisiond: the README's two commands are `go run ./cmd/provisiond serve` and `make test`.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: test lint build bench fuzz clean

## test: every test; services (PostgreSQL, slapd, Chromium, newman) are used when their env vars are set
test:
	go test -count=1 -timeout 30m ./...

## lint: formatting and vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	go vet ./...

## build: the static binary, built exactly as the Dockerfile builds it
build:
	CGO_ENABLED=0 go build -trimpath -ldflags "$(LDFLAGS)" -o bin/provisiond ./cmd/provisiond

## bench: every benchmark (SCIM users, groups, invitations, LDAP) on SQLite, and on PostgreSQL
## when PROVISIOND_TEST_POSTGRES_URL is set (LDAP when PROVISIOND_BENCH_LDAP_URL is set); one table.
## It ends with the "outside" measures: a built provisiond's serve and CLI processes driven over
## HTTP (16 keep-alive SCIM clients, invite-all into an SMTP sink), account import, ldap-sync.
## BENCHFLAGS passes flags: -only outside (one suite), -scale 0.05 (or PROVISIOND_BENCH_SCALE:
## smaller outside sizes), -creates N, -import-rows N; see docs/performance.md
BENCHFLAGS ?=
bench:
	@go run ./cmd/provisiond-bench $(BENCHFLAGS)

## fuzz: each Fuzz* target for FUZZTIME (default 30s); a real finding fails, the Go 1.26
## coordinator's bare deadline flake is retried once (see .ci/fuzz)
FUZZTIME ?= 30s
fuzz:
	@FUZZTIME=$(FUZZTIME) ./.ci/fuzz

clean:
	rm -rf bin
