package main

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestInviteCommands(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, url string, env map[string]string) {
		if code, _, errOut := cli(t, env, "migrate"); code != 0 {
			t.Fatal(errOut)
		}
		st := storetest.OpenURL(t, url)
		for _, a := range []*store.Account{
			{UserName: "ann", Active: true, Status: store.StatusNotInvited, Email: "ann@example.com"},
			{UserName: "kiosk", Active: true, Status: store.StatusNotInvited, DisplayName: `=HYPERLINK("http://evil.test")`},
		} {
			if err := st.CreateAccount(context.Background(), a); err != nil {
				t.Fatal(err)
			}
		}
		// A row that fails (not_found) is exit 4: scripts see it.
		code, out, errOut := cli(t, env, "invite", "--emails", "nobody@example.com")
		if code != exitRowsFailed || !strings.Contains(out, "not_found") || !strings.Contains(errOut, "1 of 1 rows failed") {
			t.Fatalf("invite --emails: %d %q %q", code, out, errOut)
		}
		if code, out, errOut = cli(t, env, "invite", "--all", "--dry-run"); code != 0 ||
			!strings.Contains(out, "would send 1 invitation mails and issue 1 access codes; nothing was sent") {
			t.Fatalf("invite --all --dry-run: %d %q %q", code, out, errOut)
		}
		if code, _, errOut = cli(t, env, "invite", "--account", "x", "--dry-run"); code != 2 {
			t.Fatalf("--dry-run with --account: %d %q", code, errOut)
		}
		if code, out, errOut = cli(t, env, "invite", "--all", "--message", "hi"); code != 0 || !strings.Contains(out, "invited 1, access codes 1") {
			t.Fatalf("invite --all: %d %q %q", code, out, errOut)
		}
		code, out, _ = cli(t, env, "invitation", "list", "--status", "sent")
		if code != 0 || !strings.Contains(out, "ann@example.com") || !strings.Contains(out, "not_sent") {
			t.Fatalf("invitation list: %q", out)
		}
		id := strings.Fields(strings.Split(out, "\n")[1])[0]
		// link shows the link already handed over, as often as asked;
		// resend without SMTP prints it too; --regenerate replaces it.
		lastLine := func(out string) string {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			return lines[len(lines)-1]
		}
		code, out, _ = cli(t, env, "invitation", "link", id)
		held := lastLine(out)
		if code != 0 || !strings.HasPrefix(held, "https://p.example.test/invite/") {
			t.Fatalf("invitation link: %q", out)
		}
		if code, out, _ = cli(t, env, "invitation", "link", id); code != 0 || lastLine(out) != held {
			t.Fatalf("invitation link again: %q, want %s", out, held)
		}
		if code, out, _ = cli(t, env, "invitation", "resend", id); code != 0 || lastLine(out) != held {
			t.Fatalf("invitation resend without SMTP: %q, want %s", out, held)
		}
		if code, out, _ = cli(t, env, "invitation", "link", id, "--regenerate"); code != 0 || lastLine(out) == held ||
			!strings.HasPrefix(lastLine(out), "https://p.example.test/invite/") {
			t.Fatalf("invitation link --regenerate: %q", out)
		}
		if code, _, errOut = cli(t, env, "invitation", "cancel", id, "--regenerate"); code != 2 || !strings.Contains(errOut, "--regenerate goes with link only") {
			t.Fatalf("--regenerate outside link: %d %q", code, errOut)
		}
		code, out, _ = cli(t, env, "access-codes", "export")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "accountId,") || !strings.Contains(lines[1], "kiosk") {
			t.Fatalf("access-codes export: %q", out)
		}
		// A name an IdP chose is a text cell, never a formula, in a spreadsheet.
		if !strings.Contains(lines[1], `"'=HYPERLINK(""http://evil.test"")"`) {
			t.Fatalf("access-codes export does not neutralise a formula: %q", lines[1])
		}
		if code, out, _ = cli(t, env, "invitation", "preview", "--language", "fr"); code != 0 || !strings.HasPrefix(out, "Subject: ") {
			t.Fatalf("preview: %q", out)
		}
		if code, out, errOut = cli(t, env, "invitation", "cancel", id); code != 0 {
			t.Fatalf("cancel: %q", errOut)
		}
		if code, out, errOut = cli(t, env, "maintenance"); code != 0 || !strings.Contains(out, "expired 0 invitations") {
			t.Fatalf("maintenance: %d %q %q", code, out, errOut)
		}
	})
}
