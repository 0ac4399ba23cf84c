package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// outside measures the product the way its users meet it: a `provisiond
// serve` process built from the repository, HTTP clients on keep-alive
// connections, one-shot CLI processes timed from start to exit. Each measure
// gets a fresh database (a PostgreSQL one is dropped after).
type outside struct {
	root, tmp string
	bin       string // the provisiond binary, built by build
	log       io.Writer
	// release builds the binary as the Makefile and the Dockerfile do
	// (-trimpath, stripped); the test builds it plainly, sharing the
	// build cache of `go test`.
	release bool

	creates        int // SCIM creates (and raw inserts of the baseline)
	scimRounds     int // rounds of the SCIM measure (baseline, then creates), each on fresh databases
	clients        int // concurrent SCIM clients, one keep-alive connection each
	importRows     int // rows of the account import, then accounts invited by invite-all
	ldapChanges    int // directory entries changed before the timed incremental run
	settle         time.Duration
	postgresAdmin  string // PROVISIOND_TEST_POSTGRES_URL: also run on PostgreSQL
	ldapURL        string // PROVISIOND_BENCH_LDAP_URL: also run the ldap-sync measure
	deliverTimeout time.Duration
	// ldapPeople and ldapGroups are the directory's bases of users and
	// groups (no group sync when empty): the 100k directory's in make
	// bench, a small private subtree in the test.
	ldapPeople, ldapGroups string
	// measures, when set, names the measures to run (scim, import, ldap).
	measures []string
	// databases, when set, names the databases to measure (sqlite,
	// postgres); PostgreSQL still needs postgresAdmin.
	databases []string
	// profileDir, when set, receives each process's profiles, one
	// directory per database and measure.
	profileDir string
}

// The sizes, which -scale multiplies.
const (
	defaultCreates    = 20000
	defaultImportRows = 100000
	benchClients      = 16
)

// scaled returns n*scale, at least min.
func scaled(n int, scale float64, min int) int {
	return max(int(math.Round(float64(n)*scale)), min)
}

// run builds the binary and runs every measure on SQLite, then PostgreSQL
// when configured. Each measure's rows are named Outside/<dialect>/<measure>.
func (o *outside) run() ([]result, error) {
	var dialects []store.Dialect
	if o.wantsDB("sqlite") {
		dialects = append(dialects, store.SQLite)
	}
	if o.wantsDB("postgres") {
		if o.postgresAdmin == "" {
			if len(o.databases) > 0 {
				return nil, fmt.Errorf("outside: -databases postgres needs PROVISIOND_TEST_POSTGRES_URL")
			}
		} else {
			dialects = append(dialects, store.Postgres)
		}
	}
	if len(dialects) == 0 {
		return nil, fmt.Errorf("outside: no database among %q (sqlite, postgres)", o.databases)
	}
	if err := o.build(); err != nil {
		return nil, err
	}
	var rs []result
	for _, d := range dialects {
		var measures []func(store.Dialect) ([]result, error)
		if o.wants("scim") {
			measures = append(measures, o.serveAndCreate)
		}
		if o.wants("import") {
			measures = append(measures, o.importAndInviteAll)
		}
		if o.wantsOnly("webhook") {
			measures = append(measures, o.importAndInviteAllHooked)
		}
		if o.ldapURL != "" && o.wants("ldap") {
			measures = append(measures, o.ldapSync)
		}
		for _, m := range measures {
			got, err := m(d)
			if err != nil {
				return nil, fmt.Errorf("outside %s: %w", d, err)
			}
			rs = append(rs, got...)
		}
	}
	return rs, nil
}

// wants reports whether the measure named m is to run.
func (o *outside) wants(m string) bool {
	return len(o.measures) == 0 || slices.Contains(o.measures, m)
}

// wantsOnly reports whether measure m was named: the measures that
// -measures must name (webhook: a second import and invite-all, minutes).
func (o *outside) wantsOnly(m string) bool {
	return slices.Contains(o.measures, m)
}

// wantsDB reports whether database db (sqlite, postgres) is to be measured.
func (o *outside) wantsDB(db string) bool {
	return len(o.databases) == 0 || slices.Contains(o.databases, db)
}

// build compiles cmd/provisiond into o.tmp.
func (o *outside) build() error {
	o.bin = filepath.Join(o.tmp, "provisiond")
	args := []string{"build", "-o", o.bin}
	if o.release {
		args = append(args, "-trimpath", "-ldflags", "-s -w")
	}
	cmd := exec.Command("go", append(args, "./cmd/provisiond")...)
	if o.release {
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	}
	cmd.Dir, cmd.Stdout, cmd.Stderr = o.root, o.log, o.log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build ./cmd/provisiond: %w", err)
	}
	return nil
}

// workspace is a measure's fresh database and a directory for its files
// (the SQLite database, logs, inputs), removed together.
type workspace struct {
	dbURL, dir string
	profile    string // PROVISIOND_PROFILE_DIR of its processes, or ""
	remove     func()
}

// workspace creates a new, empty database of dialect d and its directory.
func (o *outside) workspace(d store.Dialect, name string) (workspace, error) {
	dir, err := os.MkdirTemp(o.tmp, name+"-")
	if err != nil {
		return workspace{}, err
	}
	w := workspace{dbURL: "sqlite:" + filepath.Join(dir, "provisiond.db"), dir: dir}
	if o.profileDir != "" {
		w.profile = filepath.Join(o.profileDir, string(d)+"-"+name)
	}
	drop := func() {}
	if d == store.Postgres {
		if w.dbURL, drop, err = storetest.CreatePostgresDatabase(o.postgresAdmin); err != nil {
			os.RemoveAll(dir)
			return workspace{}, err
		}
	}
	w.remove = func() { drop(); os.RemoveAll(dir) }
	return w, nil
}

// settings are what every provisiond process of a measure shares. The SCIM
// rate limit is off: at its default (100/s per integration) it, not the
// server, would be measured.
func (w workspace) settings() map[string]string {
	s := map[string]string{
		"PROVISIOND_DATABASE_URL":    w.dbURL,
		"PROVISIOND_DATA_DIR":        w.dir,
		"PROVISIOND_SECRET_KEY":      "bench-secret-key-0123456789abcdef0123456789abcdef",
		"PROVISIOND_BASE_URL":        "https://provision.example.com",
		"PROVISIOND_SCIM_RATE_LIMIT": "0",
	}
	if w.profile != "" {
		s["PROVISIOND_PROFILE_DIR"] = w.profile
	}
	return s
}

// row names a measure's result and sets its peak RSS, in MB.
func row(d store.Dialect, measure string, peakKiB int64, metrics map[string]float64) result {
	metrics["peak_rss_MB"] = float64(peakKiB) / 1024
	return result{name: "Outside/" + string(d) + "/" + measure, metrics: metrics}
}

// loadAverage returns /proc/loadavg's three load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
