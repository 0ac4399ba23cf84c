package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// binary is the provisiond binary built once by TestMain.
var binary string

// TestMain builds cmd/provisiond into a temporary directory, runs the
// tests, and removes it. Without PostgreSQL every test skips: no build.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv(storetest.PostgresEnv) == "" && os.Getenv(storetest.RequireEnv) != "1" {
		return m.Run() // every test skips; no need to build
	}
	dir, err := os.MkdirTemp("", "provisiond-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: temp dir:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "provisiond")
	build := exec.Command("go", "build", "-o", binary, "../cmd/provisiond")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: go build ./cmd/provisiond:", err)
		return 1
	}
	return m.Run()
}
