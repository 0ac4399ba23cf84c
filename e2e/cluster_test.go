package e2e

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for the test's own queries

	"github.com/provisiond/provisiond/mail/mailtest"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// secretKey is shared by every replica of a cluster, as production requires.
const secretKey = "e2e-secret-key-0123456789abcdef0123456789abcdef"

// cluster is one fresh PostgreSQL database, one SMTP sink and the settings
// every provisiond process of a test shares.
type cluster struct {
	t     *testing.T
	dbURL string  // what the processes connect to (maybe through a proxy)
	db    *sql.DB // the test's own connection, never through the proxy
	mail  *mailtest.Server
	env   map[string]string
}

// newCluster creates the database and the mail sink; the processes of the
// cluster connect to the database through dbURL(direct) if given.
func newCluster(t *testing.T, via func(direct string) string) *cluster {
	t.Helper()
	direct := storetest.URL(t, store.Postgres)
	db, err := sql.Open("pgx", direct)
	if err != nil {
		t.Fatalf("open test connection: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	c := &cluster{t: t, dbURL: direct, db: db, mail: mailtest.NewServer(t)}
	if via != nil {
		c.dbURL = via(direct)
	}
	c.env = map[string]string{
		"PROVISIOND_DATABASE_URL":      c.dbURL,
		"PROVISIOND_SECRET_KEY":        secretKey,
		"PROVISIOND_SMTP_URL":          c.mail.URL(),
		"PROVISIOND_MAIL_FROM":         "provisiond@example.com",
		"PROVISIOND_BASE_URL":          "https://provision.example.com",
		"PROVISIOND_SCIM_RATE_LIMIT":   "0",
		"PROVISIOND_JOBS_RESCUE_AFTER": "5s",
		"PROVISIOND_LOG_LEVEL":         "warn",
	}
	return c
}

// environ is the process environment: ours, minus any PROVISIOND_* of the
// developer's shell, plus the cluster's settings and dataDir.
func (c *cluster) environ(dataDir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PROVISIOND_") {
			env = append(env, kv)
		}
	}
	for k, v := range c.env {
		env = append(env, k+"="+v)
	}
	return append(env, "PROVISIOND_DATA_DIR="+dataDir)
}

// cli runs a one-shot provisiond command and returns its stdout.
func (c *cluster) cli(args ...string) string {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.t.Context(), timeoutCLI)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = c.environ(c.t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		c.t.Fatalf("provisiond %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// integration creates a SCIM integration and returns its bearer token.
func (c *cluster) integration(name string, autoInvite bool) string {
	c.t.Helper()
	args := []string{"integration", "create", "--name", name, "--kind", "scim"}
	if autoInvite {
		args = append(args, "--auto-invite")
	}
	lines := strings.Split(strings.TrimSpace(c.cli(args...)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// count runs a counting query on the test's own connection.
func (c *cluster) count(query string, args ...any) int {
	c.t.Helper()
	var n int
	if err := c.db.QueryRowContext(c.t.Context(), query, args...).Scan(&n); err != nil {
		c.t.Fatalf("%s: %v", query, err)
	}
	return n
}
