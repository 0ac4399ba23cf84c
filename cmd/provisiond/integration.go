package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
)

const integrationUsage = `Usage:
  provisiond integration create --name N --kind scim|ldap [--auto-invite] [--invite-delay 5m] [--require-approval]
      [--ldap-config FILE] [--ldap-url U] [--ldap-bind-dn DN] [--ldap-bind-password-file F] [--ldap-base-dn DN]
  provisiond integration list [--output table|tsv|json]
  provisiond integration show N [--output table|json]
  provisiond integration delete N
  provisiond integration set N --auto-invite=true|false [--invite-delay D] [--require-approval=true|false] [--disabled=true|false]
      [--breaker=true|false] [--breaker-percent P] [--breaker-min M] [--breaker-window 1h]
      [--delivery-method link|code] [--permissions accounts:read,accounts:write,accounts:deactivate,groups:read,groups:write]
  provisiond integration rotate-token N
  provisiond integration oauth show|rotate|retire N ...   (OAuth client secrets: integration oauth --help)

An integration is a source of accounts. A scim integration's bearer token is
printed once, as the last line of stdout, and only its SHA-256 is stored.
An ldap integration takes its settings from --ldap-config (YAML, see the
README) and the --ldap-* flags, which override the file's keys; every bad key
is reported at once. The bind password stays in its file (or environment
variable, bindPasswordEnv): only the reference is stored. These references
are the operator's: the admin API and console cannot set them (outside
PROVISIOND_LDAP_FILES_DIR / PROVISIOND_LDAP_ENV_PREFIX) and must give the
password itself again to change the url, bind DN or TLS settings.
show prints one integration's settings (never its token: the prefix only)
and its SCIM URL, built from the running server's base URL. delete removes
an integration: its token stops working; its accounts remain, without a
source (audited).

Examples:
  provisiond integration create --name okta --kind scim --auto-invite
  provisiond integration create --name corp --kind ldap --ldap-config ldap.yaml
  provisiond integration create --name corp --kind ldap --ldap-url ldap://ldap.example.com \
      --ldap-bind-dn cn=sync,dc=example,dc=com --ldap-bind-password-file /run/secrets/ldap \
      --ldap-base-dn ou=people,dc=example,dc=com
  provisiond integration set okta --auto-invite=false
  provisiond integration rotate-token okta
  provisiond integration show okta --output json
  provisiond integration delete okta
`

func init() {
	register("integration", command{summary: "create, list, show, change and delete integrations", usage: integrationUsage, run: runIntegration})
}

func runIntegration(ctx context.Context, args []string, out io.Writer) error {
	return runSubcommand(ctx, "integration", integrationUsage, []subcommand{
		{"create", integrationCreate}, {"list", integrationList},
		{"set", integrationSet}, {"rotate-token", integrationRotate},
		{"show", integrationShow}, {"delete", integrationDelete},
		{"oauth", integrationOAuth}, // integration_oauth.go
	}, args, out)
}

func integrationCreate(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("integration create", integrationUsage, out)
	name := fs.String("name", "", "unique name")
	kind := fs.String("kind", "scim", "scim or ldap")
	autoInvite := fs.Bool("auto-invite", false, "invite accounts as soon as they are provisioned")
	delay := fs.Duration("invite-delay", 0, "wait this long before sending an automatic invitation")
	approval := fs.Bool("require-approval", false, "claims need an admin's approval")
	reminder := fs.Int("reminder-days", 0, reminderUsage)
	lf := addLDAPFlags(fs)
	if err := parse(fs, args, integrationUsage, out); err != nil {
		return err
	}
	switch {
	case *kind == "scim" && lf.given():
		return usagef("the --ldap-* flags need --kind ldap")
	case *kind == "ldap" && !lf.given():
		return usagef("--kind ldap needs --ldap-config FILE or the --ldap-url, --ldap-bind-dn, --ldap-bind-password-file and --ldap-base-dn flags")
	}
	seconds := int(delay.Seconds())
	p := integration.Input{Name: name, Kind: kind, AutoInvite: autoInvite, InviteDelaySeconds: &seconds, RequireApproval: approval,
		ReminderDays: reminder}
	if *kind == "ldap" {
		lc, err := lf.load()
		if err != nil {
			return err
		}
		if !*autoInvite {
			p.AutoInvite = nil // the YAML's autoInvite seeds the integration's setting (integration.Service)
		}
		// The operator's own files and flags: any file or variable may be named.
		p.LDAP = &integration.LDAPInput{Config: &lc, ByOperator: true}
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	in, token, err := a.integrations.Create(ctx, "cli", p)
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("an integration named %q already exists (names are case-insensitive)", *name)
	}
	if err != nil {
		return refused(err, integrationFlags)
	}
	fmt.Fprintf(out, "created %s integration %q (id %s, auto-invite %t)\n", in.Kind, in.Name, in.ID, in.AutoInvite)
	if token != "" {
		fmt.Fprintf(out, "SCIM base URL: %s/scim/v2\n", a.cfg.BaseURL)
		fmt.Fprintln(out, "SCIM bearer token (shown once, store it in your identity provider now):")
		fmt.Fprintln(out, token)
	}
	return nil
}

// integrationFlags name the flags behind the fields integration.Service checks.
var integrationFlags = map[string]string{"name": "--name", "kind": "--kind", "inviteDelaySeconds": "--invite-delay", "reminderDays": "--reminder-days",
	"deliveryMethod": "--delivery-method", "permissions": "--permissions", "breaker": "--breaker", "ldapConfig": "--ldap-config"}

// optBool is a flag that remembers whether it was given.
type optBool struct {
	set, val bool
}

func (o *optBool) String() string { return strconv.FormatBool(o.val) }
func (o *optBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	o.set, o.val = true, v
	return err
}
func (o *optBool) IsBoolFlag() bool { return true }

// ptr is the flag's value, nil when it was not given.
func (o *optBool) ptr() *bool {
	if !o.set {
		return nil
	}
	return &o.val
}
