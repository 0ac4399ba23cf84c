package invite

import (
	"context"
	"net/mail"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// SplitEmails splits an admin's list ("a@x, b@y; c@z" or one per line) into
// addresses, dropping empties and duplicates (case-insensitive).
func SplitEmails(list string) []string {
	fields := strings.FieldsFunc(list, func(r rune) bool {
		return r == ',' || r == ';' || r == '\n' || r == '\r' || r == '\t' || r == ' '
	})
	seen := map[string]bool{}
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		k := strings.ToLower(f)
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// validEmail accepts a bare address (no display name).
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && store.SameEmail(a.Address, s)
}

// MaxEmailList bounds the addresses of one InviteEmails call; a longer list
// is an import's job (a file, with its preview and per-row report).
const MaxEmailList = 1000

// InviteEmails invites the accounts having each address of list; unknown
// addresses come back as not_found, malformed ones as invalid. A list of
// more than MaxEmailList addresses is refused whole (ErrInvalidInput, with
// a *store.InvalidError naming "emails"): nothing is sent.
func (s *Service) InviteEmails(ctx context.Context, actor, list, message string) ([]InviteResult, error) {
	emails := SplitEmails(list)
	if len(emails) > MaxEmailList {
		return nil, invalidInput("emails", "at most %d addresses at once (%d given); import a file for more", MaxEmailList, len(emails))
	}
	var out []InviteResult
	for _, e := range emails {
		rs, err := s.inviteMatch(ctx, actor, "email", e, message, false)
		if err != nil {
			return out, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// inviteMatch invites the accounts whose email (or externalId) is value;
// one result per matched account, or one not_found/invalid result.
func (s *Service) inviteMatch(ctx context.Context, actor, by, value, message string, dryRun bool) ([]InviteResult, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return []InviteResult{{Value: value, Outcome: Invalid, Reason: "empty value"}}, nil
	}
	if by == "email" && !validEmail(value) {
		return []InviteResult{{Value: value, Outcome: Invalid, Reason: "not an email address"}}, nil
	}
	find := s.Store.AccountsWithEmail
	if by != "email" {
		find = s.Store.AccountsByExternalIDAny
	}
	accts, err := find(ctx, value)
	if err != nil {
		return nil, err
	}
	if len(accts) == 0 {
		return []InviteResult{{Value: value, Outcome: NotFound, Reason: "no account has this " + byName(by)}}, nil
	}
	out := make([]InviteResult, 0, len(accts))
	for _, a := range accts {
		r, err := s.InviteAccount(ctx, actor, a.ID, message, dryRun)
		if err != nil {
			return out, err
		}
		r.Value = value
		out = append(out, r)
	}
	return out, nil
}

func byName(by string) string {
	if by == "email" {
		return "email address"
	}
	return "external ID"
}
