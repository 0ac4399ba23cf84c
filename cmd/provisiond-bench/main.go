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
//
// The "outside" suite (outside.go) measures the product as its users meet
// it: a `provisiond serve` process and one-shot CLI processes of a binary
// built for the run, driven over HTTP and LDAP from this process. Its sizes
// are the issue's, multiplied by -scale (PROVISIOND_BENCH_SCALE) for quick
// runs.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
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
	{"scim-cursor", "scim", "^BenchmarkCursorWalk$", "1x"},
	{"invite", "invite", "^BenchmarkInviteAll$", "1x"},
	{"xlsx-bomb", "invite", "^BenchmarkXLSXBomb$", "5x"},
	{"ldapsync", "ldapsync", "^BenchmarkFullSync100k$", "1x"},
	{"directory", "directory", "^BenchmarkLDAPSync100k$", "1x"},
}

// outsideSuite names the outside measures for -only.
const outsideSuite = "outside"

func main() {
	root := flag.String("root", ".", "repository root")
	raw := flag.String("raw", "", "also write the raw `go test -bench` output to this file")
	names := []string{}
	for _, s := range suites {
		names = append(names, s.name)
	}
	only := flag.String("only", "", "run only the suites whose name contains this: "+strings.Join(append(names, outsideSuite), ", "))
	scale := flag.Float64("scale", envFloat("PROVISIOND_BENCH_SCALE", 1), "multiply the sizes of the outside measures (env PROVISIOND_BENCH_SCALE)")
	creates := flag.Int("creates", 0, "SCIM creates of the outside measure (default 20,000 x scale)")
	scimRounds := flag.Int("scim-rounds", 3, "rounds of the outside SCIM measure, baseline then creates, each on fresh databases; the row is the round of median ratio")
	importRows := flag.Int("import-rows", 0, "rows imported, then invited by invite-all, in the outside measures (default 100,000 x scale)")
	measures := flag.String("measures", "", "outside measures to run, comma-separated: scim (serve-start, scim-create), import (account-import, invite-all), ldap (default all); webhook (invite-all with a webhook endpoint) only when named")
	databases := flag.String("databases", "", "outside measures' databases, comma-separated: sqlite, postgres (default sqlite, and postgres when PROVISIOND_TEST_POSTGRES_URL is set)")
	profile := flag.String("profile", "", "write each measured process's CPU and allocation profiles under this directory (PROVISIOND_PROFILE_DIR, docs/performance.md)")
	flag.Parse()
	var o *outside
	if *only == "" || strings.Contains(outsideSuite, *only) {
		o = &outside{root: *root, release: true, clients: benchClients, ldapChanges: 100, settle: time.Second,
			creates: *creates, scimRounds: *scimRounds, importRows: *importRows, deliverTimeout: 30 * time.Minute,
			postgresAdmin: os.Getenv("PROVISIOND_TEST_POSTGRES_URL"), ldapURL: os.Getenv("PROVISIOND_BENCH_LDAP_URL"),
			ldapPeople: ldaptest.People, ldapGroups: ldaptest.Groups, profileDir: *profile}
		if *measures != "" {
			o.measures = strings.Split(*measures, ",")
		}
		if *databases != "" {
			o.databases = strings.Split(*databases, ",")
		}
		if o.creates <= 0 {
			o.creates = scaled(defaultCreates, *scale, 2*benchClients)
		}
		if o.importRows <= 0 {
			o.importRows = scaled(defaultImportRows, *scale, 10)
		}
	}
	if *only != "" {
		suites = slices.DeleteFunc(suites, func(s suite) bool { return !strings.Contains(s.name, *only) })
	}
	if err := run(*root, *raw, os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "provisiond-bench:", err)
		os.Exit(1)
	}
}

// envFloat reads a float from the environment, or returns def.
func envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil && v > 0 {
		return v
	}
	return def
}

// run runs the selected suites, then the outside measures unless o is nil,
// and prints the table.
func run(root, rawPath string, out io.Writer, o *outside) error {
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
	var notes []string
	if o != nil {
		o.tmp, o.log = tmp, io.MultiWriter(logs...)
		before := loadAverage()
		rs, err := o.run()
		if err != nil {
			return err
		}
		results = append(results, rs...)
		notes = append(notes, fmt.Sprintf("Outside measures: %d SCIM creates by %d clients, %d rows imported then invited; "+
			"load averages (1, 5, 15 min) %s before, %s after", o.creates, o.clients, o.importRows, before, loadAverage()))
	}
	writeTable(out, results, peaks, notes)
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
