package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestProfileDir: with PROVISIOND_PROFILE_DIR set, a command leaves its CPU
// and allocation profiles there, named after it; without it, nothing.
func TestProfileDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "profiles")
	t.Setenv(profileEnv, dir)
	var out, errOut bytes.Buffer
	if code := run(t.Context(), []string{"version"}, &out, &errOut); code != 0 {
		t.Fatalf("version: exit %d: %s", code, errOut.String())
	}
	for _, name := range []string{"version-cpu.pprof", "version-allocs.pprof"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Fatalf("%s: %v", name, err)
		}
	}
	// An unwritable directory: the command still runs (the problem goes to stderr).
	t.Setenv(profileEnv, "/proc/no-such-dir")
	errOut.Reset()
	if code := run(t.Context(), []string{"version"}, &out, &errOut); code != 0 {
		t.Fatalf("version with an unwritable profile dir: exit %d", code)
	}
	t.Setenv(profileEnv, "")
	empty := t.TempDir()
	t.Chdir(empty)
	if code := run(t.Context(), []string{"version"}, &out, &errOut); code != 0 {
		t.Fatal("version failed")
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Fatalf("unset PROVISIOND_PROFILE_DIR wrote %v", entries)
	}
}
