package store

import (
	"context"
	"strings"
)

// AdminAccountQuery selects live accounts for the admin API: by status,
// integration, and q, a case-insensitive substring of userName, emails,
// displayName and name parts (README, GET /api/v1/accounts). It lives with the
// invitation queries because the invite flows need it first.
type AdminAccountQuery struct {
	Status        string
	IntegrationID string
	Q             string
	Limit, Offset int
}

// AdminAccounts returns one page of live accounts (creation order) with
// their emails, and the total.
func (s *Store) AdminAccounts(ctx context.Context, f AdminAccountQuery) ([]Account, int64, error) {
	q := s.q(ctx).Model(&Account{}).Where("deleted_at IS NULL")
	if f.Status != "" {
		q = s.q(ctx).Model(&Account{}).Where("status = ?", f.Status) // "deleted" lists deleted ones
		if f.Status != StatusDeleted {
			q = q.Where("deleted_at IS NULL")
		}
	}
	if f.IntegrationID != "" {
		q = q.Where("integration_id = ?", f.IntegrationID)
	}
	if f.Q != "" {
		like := "%" + likeEscape(strings.ToLower(f.Q)) + "%"
		q = q.Where(`(lower(user_name) LIKE ? ESCAPE '\' OR lower(email) LIKE ? ESCAPE '\' OR lower(display_name) LIKE ? ESCAPE '\'
			OR lower(given_name) LIKE ? ESCAPE '\' OR lower(family_name) LIKE ? ESCAPE '\' OR lower(middle_name) LIKE ? ESCAPE '\'
			OR lower(formatted_name) LIKE ? ESCAPE '\'
			OR id IN (SELECT account_id FROM account_emails WHERE lower(value) LIKE ? ESCAPE '\'))`,
			like, like, like, like, like, like, like, like)
	}
	out, total, err := findPage[Account](q, "created_at, id", limitOr(f.Limit, 50), f.Offset, "accounts")
	if err != nil {
		return nil, 0, err
	}
	return s.loadPageEmails(ctx, out, total)
}
