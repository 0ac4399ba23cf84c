package main

import (
	"context"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// TestIntegrationShowDeleteAndWebhooks covers the verbs scripts need besides
// create and list: show, delete, and the webhook endpoints.
func TestIntegrationShowDeleteAndWebhooks(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, url string, env map[string]string) {
		code, out, errOut := cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim")
		token := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n"):])
		if code != 0 || !strings.HasPrefix(token, "pvd_") {
			t.Fatalf("create: %d %q %q", code, out, errOut)
		}
		if code, out, _ = cli(t, env, "integration", "show", "okta"); code != 0 || !strings.Contains(out, "scimUrl") || strings.Contains(out, token) {
			t.Fatalf("show: %d %q", code, out)
		}
		if code, _, errOut = cli(t, env, "integration", "show"); code != 2 {
			t.Fatalf("show without a name: %d %q", code, errOut)
		}
		if code, _, errOut = cli(t, env, "integration", "delete", "okta"); code != 0 {
			t.Fatalf("delete: %d %q", code, errOut)
		}
		if code, _, errOut = cli(t, env, "integration", "show", "okta"); code != 1 || !strings.Contains(errOut, `no integration "okta"`) {
			t.Fatalf("show after delete: %d %q", code, errOut)
		}
		// Webhooks: an internal address is refused unless the operator allows it.
		if code, _, errOut = cli(t, env, "webhook", "create", "--url", "http://127.0.0.1:9/hook"); code != 2 || !strings.Contains(errOut, "--url") {
			t.Fatalf("loopback webhook: %d %q", code, errOut)
		}
		env["PROVISIOND_WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.1/32"
		code, out, errOut = cli(t, env, "webhook", "create", "--url", "http://127.0.0.1:9/hook", "--events", "account.created,account.invited")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || !strings.HasPrefix(lines[len(lines)-1], "whsec_") {
			t.Fatalf("webhook create: %d %q %q", code, out, errOut)
		}
		var hooks struct {
			Items []struct {
				ID     string
				Events []string
			}
		}
		mustJSON(t, env, &hooks, "webhook", "list", "--output", "json")
		if len(hooks.Items) != 1 || len(hooks.Items[0].Events) != 2 {
			t.Fatalf("webhook list: %+v", hooks)
		}
		if code, _, errOut = cli(t, env, "webhook", "delete", hooks.Items[0].ID); code != 0 {
			t.Fatalf("webhook delete: %d %q", code, errOut)
		}
		if code, _, _ = cli(t, env, "webhook", "delete", hooks.Items[0].ID); code != 1 {
			t.Fatalf("webhook delete twice: %d", code)
		}
		st := storetest.OpenURL(t, url)
		evs, _, _ := st.AuditEvents(context.Background(), store.AuditFilter{Actor: "cli", Action: "webhook.deleted"})
		if len(evs) != 1 {
			t.Fatalf("webhook.deleted audit events: %d", len(evs))
		}
	})
}

// TestAdminWithoutPassword: an admin without a password could never sign
// in unless console OIDC is configured.
func TestAdminWithoutPassword(t *testing.T) {
	_, url, env := cliEnv(t, "sqlite")
	code, _, errOut := cli(t, env, "admin", "create", "--email", "ada@example.com", "--no-password")
	if code != 2 || !strings.Contains(errOut, "--no-password needs console OIDC") {
		t.Fatalf("without OIDC: %d %q", code, errOut)
	}
	env["PROVISIOND_OIDC_ISSUER"] = "https://login.example.com"
	env["PROVISIOND_OIDC_CLIENT_ID"] = "provisiond"
	env["PROVISIOND_OIDC_CLIENT_SECRET"] = "s3cret-s3cret"
	env["PROVISIOND_OIDC_ADMIN_EMAILS"] = "ada@example.com"
	if code, _, errOut = cli(t, env, "admin", "create", "--email", "ada@example.com", "--no-password"); code != 0 {
		t.Fatalf("with OIDC: %d %q", code, errOut)
	}
	a, err := storetest.OpenURL(t, url).AdminByEmail(context.Background(), "ada@example.com")
	if err != nil || a.PasswordHash != "" {
		t.Fatalf("admin: %+v %v", a, err)
	}
}

// TestCommandsAdoptTheServersSettings: once serve has recorded its
// settings, a command run from a shell without SMTP queues the invitation
// for the server's workers (not not_sent, no link shown) and builds every
// link and URL from the server's base URL; a server without SMTP makes a
// shell's own SMTP setting moot (the link is shown).
func TestCommandsAdoptTheServersSettings(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, url string, env map[string]string) {
		delete(env, "PROVISIOND_BASE_URL")
		if code, _, errOut := cli(t, env, "migrate"); code != 0 {
			t.Fatal(errOut)
		}
		st := storetest.OpenURL(t, url)
		ctx := context.Background()
		if err := st.RecordServerSettings(ctx, store.ServerSettings{BaseURL: "https://id.example.com", MailEnabled: true,
			MailFrom: "id@example.com", OrgName: "Example"}); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := cli(t, env, "account", "create", "--email", "ada@example.com")
		if code != 0 || !strings.Contains(out, "queued for mailing") || strings.Contains(out, "/invite/") {
			t.Fatalf("account create: %d %q %q", code, out, errOut)
		}
		invs, _, err := st.ListInvitations(ctx, store.InvitationQuery{})
		if err != nil || len(invs) != 1 || invs[0].Delivery != store.DeliveryQueued {
			t.Fatalf("invitation: %+v %v", invs, err)
		}
		if code, out, _ = cli(t, env, "integration", "create", "--name", "okta", "--kind", "scim"); code != 0 || !strings.Contains(out, "https://id.example.com/scim/v2") {
			t.Fatalf("integration create: %q", out)
		}
		// The server mails nothing: a shell's SMTP URL changes nothing, the link is shown.
		st.RecordServerSettings(ctx, store.ServerSettings{BaseURL: "https://id.example.com"})
		env["PROVISIOND_SMTP_URL"] = "smtp://127.0.0.1:1"
		code, out, errOut = cli(t, env, "account", "create", "--email", "bob@example.com")
		if code != 0 || !strings.Contains(out, "https://id.example.com/invite/") {
			t.Fatalf("account create, server without SMTP: %d %q %q", code, out, errOut)
		}
	})
}
