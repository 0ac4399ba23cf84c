package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestAdminCreate(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, dir, url string, env map[string]string) {
		pwFile := filepath.Join(dir, "pw")
		os.WriteFile(pwFile, []byte("correct horse battery staple\n"), 0o600)
		code, out, errOut := cli(t, env, "admin", "create", "--email", "ada@example.com", "--role", "viewer", "--password-file", pwFile)
		if code != 0 || !strings.Contains(out, "role owner") || strings.Contains(out+errOut, "staple") {
			t.Fatalf("first admin: %d %q %q", code, out, errOut)
		}
		code, _, errOut = cli(t, env, "admin", "create", "--email", "bob@example.com", "--password-file", pwFile)
		if code != 0 {
			t.Fatalf("second admin: %s", errOut)
		}
		if code, _, errOut = cli(t, env, "admin", "create", "--email", "ADA@example.com", "--password-file", pwFile); code == 0 || !strings.Contains(errOut, "already exists") {
			t.Fatalf("duplicate: %d %q", code, errOut)
		}
		os.WriteFile(pwFile, []byte("password\n"), 0o600)
		if code, _, errOut = cli(t, env, "admin", "create", "--email", "eve@example.com", "--password-file", pwFile); code == 0 || !strings.Contains(errOut, "password refused") {
			t.Fatalf("weak password: %d %q", code, errOut)
		}
		st := storetest.OpenURL(t, url)
		a, _ := st.AdminByEmail(context.Background(), "ada@example.com")
		b, _ := st.AdminByEmail(context.Background(), "bob@example.com")
		if a == nil || !a.Creator || a.Role != "owner" || b == nil || b.Creator || b.Role != "admin" || !strings.HasPrefix(b.PasswordHash, "$argon2id$") {
			t.Fatalf("admins: %+v %+v", a, b)
		}
	})
}

func TestReadAdminPasswordFromStdin(t *testing.T) {
	pw, err := readAdminPassword("", strings.NewReader("from stdin secret\nrest"))
	if err != nil || pw != "from stdin secret" {
		t.Fatalf("%q %v", pw, err)
	}
	if _, err := readAdminPassword("", strings.NewReader("")); err == nil {
		t.Fatal("empty stdin accepted")
	}
}

// The last owner can always recover access through the CLI, even disabled.
func TestAdminResetPasswordRecoversAccess(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, dir, url string, env map[string]string) {
		pwFile := filepath.Join(dir, "pw")
		os.WriteFile(pwFile, []byte("correct horse battery staple\n"), 0o600)
		if code, _, errOut := cli(t, env, "admin", "create", "--email", "ada@example.com", "--password-file", pwFile); code != 0 {
			t.Fatal(errOut)
		}
		st := storetest.OpenURL(t, url)
		ctx := context.Background()
		ad, _ := st.AdminByEmail(ctx, "ada@example.com")
		if _, err := st.DB().ExecContext(ctx, "UPDATE admins SET disabled = TRUE WHERE id = '"+ad.ID+"'"); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(pwFile, []byte("a brand new long passphrase\n"), 0o600)
		code, out, errOut := cli(t, env, "admin", "reset-password", "--email", "ADA@example.com", "--password-file", pwFile)
		if code != 0 || strings.Contains(out+errOut, "passphrase") {
			t.Fatalf("reset: %d %q %q", code, out, errOut)
		}
		ad, _ = st.AdminByEmail(ctx, "ada@example.com")
		if ok, _ := password.Verify(ad.PasswordHash, "a brand new long passphrase"); !ok || ad.Disabled {
			t.Fatalf("after reset: ok=%v disabled=%v", ok, ad.Disabled)
		}
		if _, total, _ := st.AuditEvents(ctx, store.AuditFilter{Action: "admin.password_reset"}); total != 1 {
			t.Fatalf("audit events: %d", total)
		}
		if code, _, errOut := cli(t, env, "admin", "reset-password", "--email", "nobody@example.com", "--password-file", pwFile); code == 0 || !strings.Contains(errOut, "no admin") {
			t.Fatalf("unknown admin: %d %q", code, errOut)
		}
	})
}
