package integration

import (
	"regexp"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/permission"
	"github.com/provisiond/provisiond/store"
)

// validName is an integration's name: what the CLI takes as an argument and
// the console shows.
var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$`)

// maxInviteDelay is store.MaxInviteDelay in seconds, as Input takes it.
var maxInviteDelay = int(store.MaxInviteDelay.Seconds())

// apply copies the given fields of p onto in, checking each and recording
// the new values in changes, the audit event's details. Reasons start with
// a verb so that "name: ..." and "--name ..." both read.
func apply(p Input, in *store.Integration, changes map[string]any) error {
	if p.Name != nil {
		if !validName.MatchString(*p.Name) {
			return invalid("name", "must be 1-64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit")
		}
		in.Name, changes["name"] = *p.Name, *p.Name
	}
	if p.AutoInvite != nil {
		in.AutoInvite, changes["autoInvite"] = *p.AutoInvite, *p.AutoInvite
	}
	if p.InviteDelaySeconds != nil {
		if d := *p.InviteDelaySeconds; d < 0 || d > maxInviteDelay {
			return invalid("inviteDelaySeconds", "must be between 0 and %d seconds (%dh, %d days)",
				maxInviteDelay, maxInviteDelay/3600, maxInviteDelay/86400)
		}
		in.InviteDelaySeconds, changes["inviteDelaySeconds"] = *p.InviteDelaySeconds, *p.InviteDelaySeconds
	}
	if p.ReminderDays != nil {
		if d := *p.ReminderDays; d < 0 || d > store.MaxReminderDays {
			return invalid("reminderDays", "must be between 0 (no reminder) and %d days", store.MaxReminderDays)
		}
		in.ReminderDays, changes["reminderDays"] = *p.ReminderDays, *p.ReminderDays
	}
	if p.RequireApproval != nil {
		in.RequireApproval, changes["requireApproval"] = *p.RequireApproval, *p.RequireApproval
	}
	if p.Disabled != nil {
		in.Disabled, changes["disabled"] = *p.Disabled, *p.Disabled
	}
	return applyAccess(p, in, changes)
}

// applyAccess copies the delivery method and permissions (permission/),
// recording before and after in changes.
func applyAccess(p Input, in *store.Integration, changes map[string]any) error {
	if p.DeliveryMethod != nil {
		m := *p.DeliveryMethod
		if m != invite.MethodLink && m != invite.MethodCode {
			return invalid("deliveryMethod", `must be "link" or "code", not %q`, m)
		}
		if m != in.DeliveryMethod {
			changes["deliveryMethod"] = map[string]any{"before": in.DeliveryMethod, "after": m}
		}
		in.DeliveryMethod = m
	}
	if p.Permissions != nil {
		set, err := permission.FromList(*p.Permissions)
		if err != nil {
			return invalid("permissions", "%s", err.Error())
		}
		before := permission.FromStored(in.Permissions)
		if before.String() != set.String() {
			changes["permissions"] = map[string]any{"before": []string(before), "after": []string(set)}
		}
		in.Permissions = set.String()
	}
	return nil
}
