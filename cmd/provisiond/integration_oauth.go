package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

const integrationOAuthUsage = `Usage:
  provisiond integration oauth show N
  provisiond integration oauth rotate N [--overlap 168h]
  provisiond integration oauth retire N SECRET_ID

OAuth 2.0 client credentials for a scim integration (docs/scim-oauth.md):
the identity provider gets short-lived access tokens from the token endpoint
with the integration's id as client id and a client secret. show prints the
client id, token endpoint and the secrets (never their value). rotate creates
a client secret (the first, or a new one) and prints it once, as the last
line of stdout; the secret it replaces keeps working for --overlap (default
168h, at most 2160h), then is retired; at most two are valid at once. retire
stops a secret at once (its id is in show's first column).

Examples:
  provisiond integration oauth rotate entra
  provisiond integration oauth retire entra 0193c0de-...
`

func integrationOAuth(ctx context.Context, args []string, out io.Writer) error {
	return runSubcommand(ctx, "integration oauth", integrationOAuthUsage, []subcommand{
		{"show", integrationOAuthShow}, {"rotate", integrationOAuthRotate}, {"retire", integrationOAuthRetire},
	}, args, out)
}

// oauthIntegration parses N [ARG] and flags of an oauth subcommand and opens
// the integration; extra receives the argument after N when want is set.
func oauthIntegration(ctx context.Context, verb string, args []string, out io.Writer, want string,
	flags func(*flag.FlagSet)) (*app, *store.Integration, string, error) {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(out, integrationOAuthUsage)
		return nil, nil, "", nil
	}
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return nil, nil, "", usagef("integration oauth %s needs the integration's name first", verb)
	}
	name, args := args[0], args[1:]
	var extra string
	if want != "" {
		if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
			return nil, nil, "", usagef("integration oauth %s needs %s after the name", verb, want)
		}
		extra, args = args[0], args[1:]
	}
	fs, cfg := newFlags("integration oauth "+verb, integrationOAuthUsage, out)
	if flags != nil {
		flags(fs)
	}
	if err := parse(fs, args, integrationOAuthUsage, out); err != nil {
		return nil, nil, "", err
	}
	a, in, err := openIntegration(ctx, *cfg, name)
	if err != nil {
		return nil, nil, "", err
	}
	if in.Kind != "scim" {
		a.Close()
		return nil, nil, "", fmt.Errorf("integration %q is %s: only scim integrations have OAuth client secrets", name, in.Kind)
	}
	return a, in, extra, nil
}

func integrationOAuthShow(ctx context.Context, args []string, out io.Writer) error {
	a, in, _, err := oauthIntegration(ctx, "show", args, out, "", nil)
	if a == nil {
		return err
	}
	defer a.Close()
	secs, err := a.integrations.OAuthSecrets(ctx, in.ID)
	if err != nil {
		return err
	}
	printOAuthSettings(out, a, in)
	tw := newTable(out, "SECRET ID\tPREFIX\tVALID\tCREATED\tEXPIRES\tRETIRED\tLAST USED")
	now := store.Now()
	for _, c := range secs {
		fmt.Fprintf(tw, "%s\t%s…\t%t\t%s\t%s\t%s\t%s\n", c.ID, c.Prefix, c.Valid(now), stamp(&c.CreatedAt),
			stamp(c.ExpiresAt), stamp(c.RetiredAt), stamp(c.LastUsedAt))
	}
	return tw.Flush()
}

func integrationOAuthRotate(ctx context.Context, args []string, out io.Writer) error {
	var overlap *time.Duration
	a, in, _, err := oauthIntegration(ctx, "rotate", args, out, "", func(fs *flag.FlagSet) {
		overlap = fs.Duration("overlap", integration.DefaultOAuthOverlap, "how long the replaced secret keeps working")
	})
	if a == nil {
		return err
	}
	defer a.Close()
	c, sec, err := a.integrations.CreateOAuthSecret(ctx, "cli", in.ID, *overlap)
	if err != nil {
		return refused(err, map[string]string{"overlap": "--overlap"})
	}
	printOAuthSettings(out, a, in)
	fmt.Fprintf(out, "created client secret %s (%s…) for %q\n", c.ID, c.Prefix, in.Name)
	fmt.Fprintln(out, "client secret (shown once):")
	fmt.Fprintln(out, sec)
	return nil
}

func integrationOAuthRetire(ctx context.Context, args []string, out io.Writer) error {
	a, in, id, err := oauthIntegration(ctx, "retire", args, out, "SECRET_ID", nil)
	if a == nil {
		return err
	}
	defer a.Close()
	err = a.integrations.RetireOAuthSecret(ctx, "cli", in.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("integration %q has no valid client secret %s", in.Name, id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "retired client secret %s of %q: it mints no more tokens\n", id, in.Name)
	return nil
}

// printOAuthSettings prints what to enter in the identity provider.
func printOAuthSettings(out io.Writer, a *app, in *store.Integration) {
	fmt.Fprintf(out, "client id:       %s\ntoken endpoint:  %s/oidc/oauth/token\ntenant URL:      %s/scim/v2\ntoken lifetime:  %s\n",
		in.ID, a.cfg.BaseURL, a.cfg.BaseURL, signin.SCIMTokenTTL)
}

// stamp is a time for a table cell, "-" when unset.
func stamp(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}
