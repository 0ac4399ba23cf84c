package main

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestClientAndResetLinkCommands(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			inTempDir(t)
			dbURL := storetest.URL(t, d)
			env := map[string]string{"PROVISIOND_DATABASE_URL": dbURL, "PROVISIOND_SECRET_KEY": strings.Repeat("s", 40),
				"PROVISIOND_BASE_URL": "https://id.example.com"}
			code, out, errOut := cli(t, env, "client", "create", "--name", "wiki",
				"--redirect-uri", "https://wiki.example.com/cb", "--redirect-uri", "https://wiki.example.com/cb2")
			if code != 0 {
				t.Fatalf("create: %d %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if sec := lines[len(lines)-1]; !strings.HasPrefix(sec, "pvc_") || !strings.Contains(out, "https://id.example.com/oidc") {
				t.Fatalf("last line is not the secret: %q", out)
			}
			if code, _, errOut = cli(t, env, "client", "create", "--name", "x", "--redirect-uri", "not a uri"); code != 2 {
				t.Errorf("bad uri: %d %s", code, errOut)
			}
			if code, out, _ = cli(t, env, "client", "list"); code != 0 || !strings.Contains(out, "https://wiki.example.com/cb2") || strings.Contains(out, "pvc_") {
				t.Errorf("list: %q", out)
			}

			st, err := store.Open(context.Background(), dbURL)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			a := &store.Account{UserName: "ada", Email: "ada@example.com", Active: true, Status: store.StatusActive, PasswordHash: "x"}
			if err := st.CreateAccount(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			storetest.SignedIn(t, st, a.ID)
			code, out, errOut = cli(t, env, "reset-link", "--email", "ada@example.com")
			lines = strings.Split(strings.TrimSpace(out), "\n")
			if code != 0 || !strings.HasPrefix(lines[len(lines)-1], "https://id.example.com/signin/reset/") {
				t.Fatalf("reset-link: %d %q %s", code, out, errOut)
			}
			// An admin's reset ends the account's sessions at once.
			if n := storetest.SignInSessions(t, st, a.ID); n != 0 {
				t.Errorf("%d sign-in rows left after reset-link", n)
			}
			if code, _, errOut = cli(t, env, "reset-link", "--email", "nobody@example.com"); code == 0 {
				t.Errorf("unknown address accepted: %s", errOut)
			}
		})
	}
}
