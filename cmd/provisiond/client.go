package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

const clientUsage = `Usage:
  provisiond client create --name N --redirect-uri U [--redirect-uri U2 ...] [--post-logout-uri U] [--public]
                           [--backchannel-logout-uri U [--backchannel-logout-session-required]]
  provisiond client list
  provisiond client rotate-secret ID
  provisiond client delete ID

A client is the application whose users sign in through provisiond's
OpenID provider (issuer: <base URL>/oidc). create prints the client id and,
as the last line of stdout, the client secret: it is shown once and only its
SHA-256 is stored. A --public client (single-page or native app) gets no
secret and must use PKCE. --backchannel-logout-uri is where the application
receives an OpenID Connect back-channel logout token when an account is
suspended, deactivated or deleted (docs/backchannel-logout.md); it must
reach a public address unless webhookAllowedNetworks allows its network.

Example:
  provisiond client create --name wiki --redirect-uri https://wiki.example.com/oauth/callback
`

func init() {
	register("client", command{summary: "register OpenID Connect clients (the application)", usage: clientUsage, run: runClient})
}

// listFlag collects a repeated string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runClient(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usagef("which client command? create, list, rotate-secret, delete")
	}
	switch args[0] {
	case "create":
		return clientCreate(ctx, args[1:], out)
	case "list":
		return clientList(ctx, args[1:], out)
	case "rotate-secret", "delete":
		return clientChange(ctx, args[0], args[1:], out)
	case "-h", "--help", "help":
		fmt.Fprint(out, clientUsage)
		return nil
	}
	return usagef("unknown client command %q", args[0])
}

func clientCreate(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("client create", clientUsage, out)
	name := fs.String("name", "", "the application's name, shown on the sign-in page")
	public := fs.Bool("public", false, "no secret; PKCE required")
	var redirects, logouts listFlag
	fs.Var(&redirects, "redirect-uri", "allowed redirect URI (repeatable)")
	fs.Var(&logouts, "post-logout-uri", "allowed post-logout redirect URI (repeatable)")
	bcl := fs.String("backchannel-logout-uri", "", "OpenID Connect back-channel logout URI of the application")
	bclSID := fs.Bool("backchannel-logout-session-required", false, "the application requires a sid in logout tokens")
	if err := parse(fs, args, clientUsage, out); err != nil {
		return err
	}
	if *name == "" || len(redirects) == 0 {
		return usagef("--name and at least one --redirect-uri are required")
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	c, sec, err := a.integrations.CreateClient(ctx, "cli", integration.ClientInput{Name: name,
		RedirectURIs: redirects, PostLogoutURIs: logouts, Public: *public,
		BackchannelLogoutURI: bcl, BackchannelLogoutSessionRequired: bclSID})
	switch {
	case errors.Is(err, store.ErrConflict):
		return fmt.Errorf("a client named %q already exists (names are case-insensitive)", *name)
	case err != nil:
		return refused(err, clientFlags)
	}
	fmt.Fprintf(out, "created client %q\nissuer: %s/oidc\nclient id: %s\n", c.Name, a.cfg.BaseURL, c.ID)
	if sec != "" {
		fmt.Fprintln(out, "client secret (shown once, store it in the application now):")
		fmt.Fprintln(out, sec)
	}
	return nil
}

// clientFlags name the flags behind the fields integration.Service checks.
var clientFlags = map[string]string{"name": "--name", "redirectUris": "--redirect-uri", "postLogoutRedirectUris": "--post-logout-uri",
	"backchannelLogoutUri": "--backchannel-logout-uri"}

func clientList(ctx context.Context, args []string, out io.Writer) error {
	return listTable(ctx, "client list", args, clientUsage, out, "ID\tNAME\tPUBLIC\tDISABLED\tREDIRECT URIS\tBACKCHANNEL LOGOUT URI",
		func(a *app) ([]store.OIDCClient, error) { return a.store.OIDCClients(ctx) },
		func(tw io.Writer, c store.OIDCClient) {
			r, _ := signin.ClientURIs(&c)
			fmt.Fprintf(tw, "%s\t%s\t%t\t%t\t%s\t%s\n", c.ID, c.Name, c.SecretHash == "", c.Disabled, strings.Join(r, " "),
				c.BackchannelLogoutURI)
		})
}

func clientChange(ctx context.Context, verb string, args []string, out io.Writer) error {
	fs, cfg := newFlags("client "+verb, clientUsage, out)
	if err := parse(fs, args, clientUsage, out); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("client %s takes one client id", verb)
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	id := fs.Arg(0)
	if verb == "delete" {
		if err := a.integrations.DeleteClient(ctx, "cli", id); err != nil {
			return notFound(err, id)
		}
		fmt.Fprintf(out, "deleted client %s\n", id)
		return nil
	}
	_, sec, err := a.integrations.UpdateClient(ctx, "cli", id, integration.ClientInput{}, true)
	if err != nil {
		return notFound(err, id)
	}
	if sec == "" {
		return fmt.Errorf("client %s is public: it has no secret", id)
	}
	fmt.Fprintln(out, "new client secret (shown once; the old one no longer works):")
	fmt.Fprintln(out, sec)
	return nil
}

func notFound(err error, id string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no client with id %s", id)
	}
	return err
}
