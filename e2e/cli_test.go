package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// bareCLI runs a one-shot command as from an operator's shell that has
// only the database URL and the secret key (plus extra): no SMTP settings,
// no base URL. It returns the exit status, stdout and stderr.
func (c *cluster) bareCLI(extra []string, args ...string) (int, string, string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.t.Context(), timeoutCLI)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PROVISIOND_") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, append([]string{"PROVISIOND_DATABASE_URL=" + c.dbURL, "PROVISIOND_SECRET_KEY=" + secretKey,
		"PROVISIOND_DATA_DIR=" + c.t.TempDir()}, extra...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		c.t.Fatalf("provisiond %s: %v", strings.Join(args, " "), err)
	}
	return code, out.String(), errb.String()
}

// TestCLIMailIsSentByTheRunningServer: the CLI and the server are one
// product. Commands run from a shell without the server's SMTP settings or
// base URL queue their invitations into the shared database; the running
// server's worker mails them, with links built from the server's base URL.
// Printed URLs use it too, and a shell whose own base URL differs is told
// so on stderr. A row that fails makes the exit status 4.
func TestCLIMailIsSentByTheRunningServer(t *testing.T) {
	c := newCluster(t, nil)
	c.startReplicas(1) // records https://provision.example.com and its SMTP setting
	const base = "https://provision.example.com"

	code, out, errOut := c.bareCLI(nil, "account", "create", "--email", "ada@example.com", "--given-name", "Ada")
	if code != 0 || !strings.Contains(out, "queued for mailing") || strings.Contains(out, "/invite/") {
		t.Fatalf("account create: %d %q %q", code, out, errOut)
	}
	file := filepath.Join(t.TempDir(), "people.csv")
	os.WriteFile(file, []byte("Email\nbob@example.com\n"), 0o600)
	if code, out, errOut = c.bareCLI(nil, "account", "import", file); code != 0 {
		t.Fatalf("account import: %d %q %q", code, out, errOut)
	}
	// This shell names another base URL: the server's wins, loudly.
	code, out, errOut = c.bareCLI([]string{"PROVISIOND_BASE_URL=https://elsewhere.example"},
		"invite", "--emails", "bob@example.com, nobody@example.com")
	if code != 4 || !strings.Contains(out, "bob@example.com\t") || !strings.Contains(out, "not_found") {
		t.Fatalf("invite --emails: exit %d, want 4 for the unknown address: %q %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "WARNING: baseURL") || !strings.Contains(errOut, base) {
		t.Fatalf("no warning about the differing base URL: %q", errOut)
	}
	c.checkMailOnce(t, 2)
	link := regexp.MustCompile(`https?://[^\s"<>]+/invite/[A-Za-z0-9_-]+`)
	for _, m := range c.mail.Messages() {
		l := link.FindString(m.MustParse(t).Text)
		if !strings.HasPrefix(l, base+"/invite/") {
			t.Errorf("mail to %v links to %q, want the server's base URL %s", m.To, l, base)
		}
	}
	if n := c.count(`SELECT count(*) FROM invitations WHERE delivery = 'not_sent'`); n != 0 {
		t.Errorf("%d invitations not_sent", n)
	}
	code, out, errOut = c.bareCLI(nil, "integration", "create", "--name", "okta", "--kind", "scim")
	if code != 0 || !strings.Contains(out, "SCIM base URL: "+base+"/scim/v2") {
		t.Fatalf("integration create prints %q (%d %q), want the server's base URL", out, code, errOut)
	}
}
