// Command provisiond-bench runs every benchmark of the repository (SCIM
// users, groups, invitations, LDAP) once, on SQLite and, when
// PROVISIOND_TEST_POSTGRES_URL is set, PostgreSQL (LDAP ones when
// PROVISIOND_BENCH_LDAP_URL is set), and prints one Markdown table: each
// figure beside its baseline and the ratio, the target, and the peak
// memory. `make bench` runs it from the repository root.
//
// Each package's test binary is built with `go test -c` and run on its own,
// so that the peak RSS reported for it (wait4's ru_maxrss) is the
// benchmark's, not the compiler's. It measures; it asserts nothing.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// suite is one run of a package's benchmarks.
type suite struct {
	name  string
	pkg   string // directory, relative to the repository root
	bench string // -test.bench pattern
	// benchtime: 1x for the benchmarks that size their own work; the
	// groups' p50s need b.N samples.
	benchtime string
}

var suites = []suite{
	{"scim-users", "scim", "^Benchmark(CreateUsers|UserNameFilter)$", "1x"},
	{"scim-groups", "scim", "^BenchmarkGroups$", "2s"},
	{"scim-patch", "scim", "^BenchmarkPatchUser1000Ops$", "1x"},
	{"invite", "invite", "^BenchmarkInviteAll$", "1x"},
	{"ldapsync", "ldapsync", "^BenchmarkFullSync100k$", "1x"},
	{"account-ldap", "account", "^BenchmarkLDAPSync100k$", "1x"},
}

func main() {
	root := flag.String("root", ".", "repository root")
	raw := flag.String("raw", "", "also write the raw `go test -bench` output to this file")
	only := flag.String("only", "", "run only the suites whose name contains this")
	flag.Parse()
	if *only != "" {
		suites = slices.DeleteFunc(suites, func(s suite) bool { return !strings.Contains(s.name, *only) })
	}
	if err := run(*root, *raw, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "provisiond-bench:", err)
		os.Exit(1)
	}
}

func run(root, rawPath string, out io.Writer) error {
	tmp, err := os.MkdirTemp("", "provisiond-bench-")
	if err != nil {
		return fmt.Errorf("temp dir: %w", err)
	}
	defer os.RemoveAll(tmp)
	logs := []io.Writer{os.Stderr}
	if rawPath != "" {
		f, err := os.Create(rawPath)
		if err != nil {
			return fmt.Errorf("raw output: %w", err)
		}
		defer f.Close()
		logs = append(logs, f)
	}
	var results []result
	peaks := map[string]int64{}
	for _, s := range suites {
		rs, rss, err := runSuite(root, tmp, s, io.MultiWriter(logs...))
		if err != nil {
			return err
		}
		results = append(results, rs...)
		if len(rs) == 0 {
			rss = -1 // skipped: PostgreSQL or LDAP not configured
		}
		peaks[s.name] = rss
	}
	writeTable(out, results, peaks)
	return nil
}

// runSuite builds and runs one package's benchmarks and returns the parsed
// results and the test binary's peak RSS in KiB.
func runSuite(root, tmp string, s suite, log io.Writer) ([]result, int64, error) {
	bin := filepath.Join(tmp, s.name+".test")
	build := exec.Command("go", "test", "-c", "-o", bin, "./"+s.pkg)
	build.Dir, build.Stdout, build.Stderr = root, log, log
	if err := build.Run(); err != nil {
		return nil, 0, fmt.Errorf("build %s: %w", s.pkg, err)
	}
	fmt.Fprintf(log, "== %s: %s\n", s.pkg, s.bench)
	cmd := exec.Command(bin, "-test.run", "^$", "-test.bench", s.bench, "-test.benchtime", s.benchtime,
		"-test.timeout", "3h")
	cmd.Dir = filepath.Join(root, s.pkg)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = io.MultiWriter(pw, log), log
	parsed := make(chan []result)
	go func() { parsed <- parse(pr) }()
	err := cmd.Run()
	pw.Close()
	rs := <-parsed
	if err != nil {
		return nil, 0, fmt.Errorf("run %s benchmarks: %w", s.pkg, err)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return rs, rss, nil
}
