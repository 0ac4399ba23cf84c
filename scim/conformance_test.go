package scim

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// NewmanEnv turns on the vendor conformance suites (they need newman).
const NewmanEnv = "PROVISIOND_TEST_NEWMAN"

func conformanceDir(t *testing.T) string {
	for _, d := range []string{os.Getenv("PROVISIOND_CONFORMANCE_DIR"), "../../shared/conformance", "../docs/conformance"} {
		if d != "" {
			if _, err := os.Stat(filepath.Join(d, "okta-scim20-spec.postman_collection.json")); err == nil {
				return d
			}
		}
	}
	t.Fatal("conformance collections not found: set PROVISIOND_CONFORMANCE_DIR")
	return ""
}

// newman returns newman's path. The suites run with NewmanEnv=1, and in CI
// (storetest.RequireEnv=1), where a missing newman is a failure.
func newman(t *testing.T) string {
	required := os.Getenv(storetest.RequireEnv) == "1"
	if os.Getenv(NewmanEnv) != "1" && !required {
		t.Skipf("vendor SCIM suites not run: set %s=1 (needs newman on PATH)", NewmanEnv)
	}
	p, err := exec.LookPath("newman")
	if err != nil {
		if required {
			t.Fatalf("newman not on PATH but %s=1 (npm install -g newman@6)", storetest.RequireEnv)
		}
		t.Skipf("newman not on PATH (npm install -g newman@6)")
	}
	return p
}

// realServer serves ts on a real port of 127.0.0.1 (newman's requests).
func realServer(t *testing.T, ts *testServer) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: ts.srv}
	go hs.Serve(l)
	t.Cleanup(func() { hs.Close() })
	return l.Addr().String()
}

// newmanResult is what runNewman reads back from newman's JSON report.
type newmanResult struct {
	Run struct {
		Stats struct {
			Assertions struct{ Total, Failed int }
		}
		Failures []struct {
			Error  struct{ Test string }
			Source struct{ Name string }
		}
	}
}

// runNewman runs a collection and returns "request: assertion" for every
// failed assertion, with the assertion totals.
func runNewman(t *testing.T, bin string, args ...string) (failed []string, total int) {
	report := filepath.Join(t.TempDir(), "newman.json")
	args = append(args, "--reporters", "cli,json", "--reporter-json-export", report)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Run() // a non-zero exit only means failed assertions; the report says which
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("newman wrote no report: %v", err)
	}
	var res newmanResult
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatalf("newman report: %v", err)
	}
	for _, f := range res.Run.Failures {
		failed = append(failed, f.Source.Name+": "+f.Error.Test)
	}
	return failed, res.Run.Stats.Assertions.Total
}

func TestOktaSpecSuite(t *testing.T) {
	bin := newman(t)
	ts := newTestServer(t, store.SQLite, nil)
	ts.createUser("seed.user@example.com", nil)
	addr := realServer(t, ts)
	failed, total := runNewman(t, bin, "run", filepath.Join(conformanceDir(t), "okta-scim20-spec.postman_collection.json"),
		"--env-var", "SCIMBaseURL=http://"+addr+Prefix, "--env-var", "auth=Bearer "+ts.token)
	t.Logf("Okta SPEC test: %d/%d assertions pass", total-len(failed), total)
	if len(failed) > 0 || total != 52 {
		t.Errorf("Okta SPEC test: %d of %d assertions failed: %q", len(failed), total, failed)
	}
}

func TestMicrosoftSuite(t *testing.T) {
	bin := newman(t)
	ts := newTestServer(t, store.SQLite, nil)
	addr := realServer(t, ts)
	_, port, _ := net.SplitHostPort(addr)
	args := []string{"run", filepath.Join(conformanceDir(t), "microsoft-scim.postman_collection.json"),
		"--env-var", "Protocol=http", "--env-var", "Server=127.0.0.1", "--env-var", "Port=:" + port,
		"--env-var", "Api=scim/v2", "--env-var", "token=" + ts.token}
	for _, f := range []string{"Endpoint tests", "User tests", "Group tests", "ComplexAttribute tests",
		"User tests with garbage", "Group tests with garbage", "Teardown garbage"} {
		args = append(args, "--folder", f)
	}
	failed, total := runNewman(t, bin, args...)
	t.Logf("Microsoft SCIM tests: %d/%d assertions pass", total-len(failed), total)
	if len(failed) > 0 || total != 103 {
		t.Errorf("Microsoft SCIM tests: %d of %d assertions failed: %q", len(failed), total, failed)
	}
}
