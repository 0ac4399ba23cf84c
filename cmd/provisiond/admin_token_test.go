package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store/storetest"
)

// startServe runs serve in-process, once /readyz answers 200, until the
// returned stop is called.
func startServe(t *testing.T, addr string) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	stderr := &bytes.Buffer{} // written only once run returns
	go func() { done <- run(ctx, []string{"serve"}, &bytes.Buffer{}, stderr) }()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready: %s", stderr.String())
		}
	}
	return func() {
		cancel()
		if code := <-done; code != 0 {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	}
}

// apiStatus calls the admin API with token and returns the status.
func apiStatus(t *testing.T, method, url, token string) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A revoked bootstrap token stays revoked: serve does not install it again
// when restarted with PROVISIOND_BOOTSTRAP_TOKEN still set. Revoked from the
// CLI, and from the API by the token itself; a new value installs a new
// token only while no active one is left.
func TestBootstrapTokenRevocation(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			inTempDir(t)
			addr := freeAddr(t)
			first, second := strings.Repeat("1", 40), strings.Repeat("2", 40)
			env := map[string]string{"PROVISIOND_DATABASE_URL": storetest.URL(t, d), "PROVISIOND_SECRET_KEY": strings.Repeat("s", 40),
				"PROVISIOND_LISTEN": addr, "PROVISIOND_BOOTSTRAP_TOKEN": first}
			for k, v := range env {
				t.Setenv(k, v)
			}
			api := "http://" + addr + "/api/v1/admin-tokens"
			stop := startServe(t, addr)
			if code := apiStatus(t, "GET", api, first); code != 200 {
				t.Fatalf("bootstrap token after the first start: %d", code)
			}
			stop()
			code, out, errOut := cli(t, env, "admin", "token", "revoke")
			if code != 0 || !strings.Contains(out, `revoked admin token "bootstrap"`) {
				t.Fatalf("revoke: %d %s %s", code, out, errOut)
			}
			stop = startServe(t, addr)
			if code := apiStatus(t, "GET", api, first); code != 401 {
				t.Fatalf("revoked bootstrap token after a restart with the variable still set: %d", code)
			}
			stop()
			// A new value, with no active token left, installs a new token,
			// which revokes itself through the API.
			t.Setenv("PROVISIOND_BOOTSTRAP_TOKEN", second)
			stop = startServe(t, addr)
			if code := apiStatus(t, "DELETE", api+"/bootstrap", second); code != 204 {
				t.Fatalf("revoke through the API: %d", code)
			}
			if code := apiStatus(t, "GET", api, second); code != 401 {
				t.Fatalf("token after revoking itself: %d", code)
			}
			stop()
			stop = startServe(t, addr)
			if apiStatus(t, "GET", api, second) != 401 || apiStatus(t, "GET", api, first) != 401 {
				t.Fatal("a revoked token came back after a restart")
			}
			stop()
			_, out, _ = cli(t, env, "admin", "token", "list")
			if strings.Count(out, "bootstrap") != 2 || strings.Contains(out, first) || strings.Contains(out, second) {
				t.Fatalf("token list:\n%s", out)
			}
		})
	}
}

// The bootstrap token is an owner's key: a short one is a configuration
// error naming the variable, for serve and every other command.
func TestBootstrapTokenTooShort(t *testing.T) {
	inTempDir(t)
	code, _, errOut := cli(t, map[string]string{"PROVISIOND_BOOTSTRAP_TOKEN": strings.Repeat("x", 31)}, "migrate")
	if code == 0 || !strings.Contains(errOut, "bootstrapToken (PROVISIOND_BOOTSTRAP_TOKEN): must be at least 32 characters") {
		t.Fatalf("short bootstrap token: %d %s", code, errOut)
	}
}
