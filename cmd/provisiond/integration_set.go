package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

func integrationSet(ctx context.Context, args []string, out io.Writer) error {
	name, args, err := integrationName("set", args, out)
	if name == "" {
		return err
	}
	fs, cfg := newFlags("integration set", integrationUsage, out)
	var autoInvite, approval, disabled optBool
	fs.Var(&autoInvite, "auto-invite", "true or false")
	fs.Var(&approval, "require-approval", "true or false")
	fs.Var(&disabled, "disabled", "true or false: a disabled integration's token stops working")
	delay := fs.String("invite-delay", "", "e.g. 5m; 0 sends at once")
	reminder := fs.String("reminder-days", "", reminderUsage)
	var bf breakerFlags
	bf.register(fs)
	var access accessFlags
	access.register(fs)
	if err := parse(fs, args, integrationUsage, out); err != nil {
		return err
	}
	p := integration.Input{AutoInvite: autoInvite.ptr(), RequireApproval: approval.ptr(), Disabled: disabled.ptr(),
		Breaker: bf.input()}
	access.input(&p)
	if *delay != "" {
		d, err := time.ParseDuration(*delay)
		if err != nil {
			return usagef("--invite-delay: %q is not a duration like 5m", *delay)
		}
		seconds := int(d.Seconds())
		p.InviteDelaySeconds = &seconds
	}
	if *reminder != "" {
		n, err := strconv.Atoi(*reminder)
		if err != nil {
			return usagef("--reminder-days: %q is not a number of days", *reminder)
		}
		p.ReminderDays = &n
	}
	if p == (integration.Input{}) {
		return usagef("nothing to change: give --auto-invite, --require-approval, --disabled, --invite-delay, --reminder-days, " +
			"--delivery-method, --permissions or a --breaker flag")
	}
	a, in, err := openIntegration(ctx, *cfg, name)
	if err != nil {
		return err
	}
	defer a.Close()
	if in, err = a.integrations.Update(ctx, "cli", in.ID, p); err != nil {
		return refused(err, integrationFlags)
	}
	fmt.Fprintf(out, "updated integration %q: auto-invite %t, require-approval %t, invite-delay %s, reminder-days %d, disabled %t, delivery-method %s, permissions %s\n",
		in.Name, in.AutoInvite, in.RequireApproval, time.Duration(in.InviteDelaySeconds)*time.Second, in.ReminderDays, in.Disabled,
		in.DeliveryMethod, strings.Join(permission.FromStored(in.Permissions), ","))
	return nil
}

// reminderUsage describes --reminder-days.
const reminderUsage = "0-29: mail one reminder this many days before an unclaimed invitation expires; 0 sends none"

func integrationRotate(ctx context.Context, args []string, out io.Writer) error {
	name, args, err := integrationName("rotate-token", args, out)
	if name == "" {
		return err
	}
	fs, cfg := newFlags("integration rotate-token", integrationUsage, out)
	if err := parse(fs, args, integrationUsage, out); err != nil {
		return err
	}
	a, in, err := openIntegration(ctx, *cfg, name)
	if err != nil {
		return err
	}
	defer a.Close()
	_, token, err := a.integrations.RotateToken(ctx, "cli", in.ID)
	if _, ok := store.AsInvalid(err); ok {
		return fmt.Errorf("integration %q is %s: only scim integrations have a token", name, in.Kind)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "rotated the SCIM token of %q; the old token no longer works\n", in.Name)
	fmt.Fprintln(out, "SCIM bearer token (shown once):")
	fmt.Fprintln(out, token)
	return nil
}

// integrationName takes the integration's name, the first argument of set
// and rotate-token, and returns the arguments after it. Without a name it
// returns "" and the usage error, or nil after printing the help.
func integrationName(verb string, args []string, out io.Writer) (string, []string, error) {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(out, integrationUsage)
			return "", nil, nil
		}
		return "", nil, usagef("integration %s needs the integration's name first", verb)
	}
	return args[0], args[1:], nil
}

// openIntegration opens the database and finds the integration named name.
func openIntegration(ctx context.Context, cfg, name string) (*app, *store.Integration, error) {
	a, err := openApp(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	in, err := a.store.IntegrationByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		err = fmt.Errorf("no integration named %q", name)
	}
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, in, nil
}
