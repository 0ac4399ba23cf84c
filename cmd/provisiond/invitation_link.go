package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

const invitationLinkUsage = `Usage:
  provisiond invitation-link create --name NAME --max-uses N [--expires YYYY-MM-DD]
                                    [--require-approval] [--allowed-domains a.example,b.example]
  provisiond invitation-link list
  provisiond invitation-link delete ID

A multi-use link lets anyone who holds it sign up at /join/{token}. Each
sign-up confirms its address by email (or, without SMTP, waits for an
admin's approval). --allowed-domains accepts only addresses at those domains
(exactly; not their subdomains). create prints the link as the last line of
stdout, shown only this once. delete is the only way to cancel a link.

Examples:
  provisiond invitation-link create --name "Spring intake" --max-uses 40 --allowed-domains acme.example
  provisiond invitation-link delete 0192f7e4-...
`

func init() {
	register("invitation-link", command{summary: "create, list, delete multi-use sign-up links", usage: invitationLinkUsage, run: runInvitationLink})
}

func runInvitationLink(ctx context.Context, args []string, out io.Writer) error {
	return runSubcommand(ctx, "invitation-link", invitationLinkUsage, []subcommand{
		{"create", invitationLinkCreate}, {"list", invitationLinkList}, {"delete", invitationLinkDelete}}, args, out)
}

// claims builds the link operations over the app's store.
func (a *app) claims() *invite.Claims {
	return &invite.Claims{Store: a.store, Keys: a.keys, Log: a.log, BaseURL: a.cfg.BaseURL, Invites: a.invites}
}

func invitationLinkCreate(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("invitation-link create", invitationLinkUsage, out)
	name := fs.String("name", "", "what the link is for, shown to admins")
	maxUses := fs.Int("max-uses", 0, "how many sign-ups it allows")
	expires := fs.String("expires", "", "last valid day, YYYY-MM-DD (default: the invitation TTL from now)")
	approval := fs.Bool("require-approval", false, "each sign-up also waits for an admin's approval")
	domains := fs.String("allowed-domains", "", "comma-separated domains the sign-up addresses must be at")
	if err := parse(fs, args, invitationLinkUsage, out); err != nil {
		return err
	}
	in := invite.LinkInput{Name: *name, MaxUses: *maxUses, RequireApproval: *approval}
	for _, d := range strings.Split(*domains, ",") {
		if d = strings.TrimSpace(d); d != "" {
			in.AllowedDomains = append(in.AllowedDomains, d)
		}
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	in.ExpiresAt = time.Now().Add(time.Duration(a.cfg.InviteTTL))
	if *expires != "" {
		day, err := time.Parse(time.DateOnly, *expires)
		if err != nil {
			return usagef("--expires: want YYYY-MM-DD, got %q", *expires)
		}
		in.ExpiresAt = day.Add(24*time.Hour - time.Second)
	}
	l, url, err := a.claims().CreateLink(ctx, "cli", in)
	if e, ok := store.AsInvalid(err); ok {
		return usagef("%s", e)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "invitation link %s (%s), %d sign-ups, valid until %s; shown only this once:\n%s\n",
		l.ID, l.Name, l.MaxUses, l.ExpiresAt.Format(time.DateOnly), url)
	return nil
}

func invitationLinkList(ctx context.Context, args []string, out io.Writer) error {
	return listTable(ctx, "invitation-link list", args, invitationLinkUsage, out, "ID\tNAME\tUSES\tEXPIRES\tAPPROVAL\tDOMAINS",
		func(a *app) ([]store.InvitationLink, error) {
			ls, _, err := a.claims().Links(ctx, 1000, 0)
			return ls, err
		},
		func(tw io.Writer, l store.InvitationLink) {
			domains := strings.ReplaceAll(l.AllowedDomains, " ", ",")
			if domains == "" {
				domains = "any"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%s\t%v\t%s\n", l.ID, l.Name, l.Uses, l.MaxUses, l.ExpiresAt.Format(time.DateOnly), l.RequireApproval, domains)
		})
}

func invitationLinkDelete(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return usagef("invitation-link delete needs the link's id")
	}
	return withApp(ctx, "invitation-link delete", args[1:], invitationLinkUsage, out, func(a *app) error {
		if err := a.claims().DeleteLink(ctx, "cli", args[0]); errors.Is(err, store.ErrNotFound) {
			return errors.New("no such invitation link")
		} else if err != nil {
			return err
		}
		fmt.Fprintf(out, "invitation link %s deleted\n", args[0])
		return nil
	})
}
