package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

func integrationSet(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(out, integrationUsage)
			return nil
		}
		return usagef("integration set needs the integration's name first")
	}
	name := args[0]
	fs, cfg := newFlags("integration set", integrationUsage, out)
	var autoInvite, approval, disabled optBool
	fs.Var(&autoInvite, "auto-invite", "true or false")
	fs.Var(&approval, "require-approval", "true or false")
	fs.Var(&disabled, "disabled", "true or false: a disabled integration's token stops working")
	delay := fs.String("invite-delay", "", "e.g. 5m; 0 sends at once")
	var breaker optBool
	fs.Var(&breaker, "breaker", "true or false: hold mass deactivations and deletions (account/breaker.go)")
	breakerPercent := fs.Int("breaker-percent", 0, "trip past this percent of the active accounts (1..100)")
	breakerMin := fs.Int("breaker-min", 0, "and at least this many deprovisions")
	breakerWindow := fs.Duration("breaker-window", 0, "the sliding window, e.g. 1h")
	var access accessFlags
	access.register(fs)
	if err := parse(fs, args[1:], integrationUsage, out); err != nil {
		return err
	}
	if err := access.validate(); err != nil {
		return err
	}
	var d time.Duration
	if *delay != "" {
		var err error
		if d, err = time.ParseDuration(*delay); err != nil || d < 0 {
			return usagef("--invite-delay: %q is not a duration like 5m", *delay)
		}
		if d > store.MaxInviteDelay {
			return errInviteDelay
		}
	}
	breakerSet := breaker.set || *breakerPercent != 0 || *breakerMin != 0 || *breakerWindow != 0
	if !autoInvite.set && !approval.set && !disabled.set && *delay == "" && !breakerSet && !access.given() {
		return usagef("nothing to change: give --auto-invite, --require-approval, --disabled, --invite-delay, " +
			"--delivery-method, --permissions or a --breaker flag")
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := a.store.IntegrationByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no integration named %q", name)
	}
	if err != nil {
		return err
	}
	changes := map[string]any{}
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		in, err = tx.UpdateIntegration(ctx, in.ID, func(i *store.Integration) error {
			if autoInvite.set {
				i.AutoInvite, changes["autoInvite"] = autoInvite.val, autoInvite.val
			}
			if approval.set {
				i.RequireApproval, changes["requireApproval"] = approval.val, approval.val
			}
			if disabled.set {
				i.Disabled, changes["disabled"] = disabled.val, disabled.val
			}
			if *delay != "" {
				i.InviteDelaySeconds, changes["inviteDelaySeconds"] = int(d.Seconds()), int(d.Seconds())
			}
			access.apply(i, changes)
			return nil
		})
		if err != nil {
			return err
		}
		if breakerSet {
			if err := setBreaker(ctx, tx, in.ID, breaker, *breakerPercent, *breakerMin, *breakerWindow, changes); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, "cli", "integration.updated", "integration", in.ID, changes)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "updated integration %q: auto-invite %t, require-approval %t, invite-delay %s, disabled %t, delivery-method %s, permissions %s\n",
		in.Name, in.AutoInvite, in.RequireApproval, time.Duration(in.InviteDelaySeconds)*time.Second, in.Disabled,
		in.DeliveryMethod, strings.Join(permission.FromStored(in.Permissions), ","))
	return nil
}

func integrationRotate(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(out, integrationUsage)
			return nil
		}
		return usagef("integration rotate-token needs the integration's name")
	}
	name := args[0]
	fs, cfg := newFlags("integration rotate-token", integrationUsage, out)
	if err := parse(fs, args[1:], integrationUsage, out); err != nil {
		return err
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := a.store.IntegrationByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no integration named %q", name)
	}
	if err != nil {
		return err
	}
	if in.Kind != "scim" {
		return fmt.Errorf("integration %q is %s: only scim integrations have a token", name, in.Kind)
	}
	token := secret.NewPrefixedToken(secret.SCIMTokenPrefix)
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.UpdateIntegration(ctx, in.ID, func(i *store.Integration) error {
			h := secret.TokenHash(token)
			i.TokenHash, i.TokenPrefix = &h, prefixOf(token)
			return nil
		}); err != nil {
			return err
		}
		return tx.Audit(ctx, "cli", "integration.token_rotated", "integration", in.ID, map[string]any{"prefix": prefixOf(token)})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "rotated the SCIM token of %q; the old token no longer works\n", in.Name)
	fmt.Fprintln(out, "SCIM bearer token (shown once):")
	fmt.Fprintln(out, token)
	return nil
}

// errInviteDelay is the CLI's answer to a delay beyond store.MaxInviteDelay.
var errInviteDelay = usagef("--invite-delay must be between 0 and 168h (7 days)")
