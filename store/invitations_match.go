package store

import (
	"context"
	"fmt"
	"strings"
)

// AccountsWithEmail returns the live accounts that have address email, as
// primary or secondary address (case-insensitive). Emails need not be
// unique across accounts, so there may be several.
func (s *Store) AccountsWithEmail(ctx context.Context, email string) ([]Account, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	var out []Account
	err := s.q(ctx).Where(`deleted_at IS NULL AND (lower(email) = ? OR id IN
		(SELECT account_id FROM account_emails WHERE lower(value) = ?))`, e, e).Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: accounts by email: %w", mapErr(err))
	}
	return out, nil
}

// AccountsByExternalIDAny returns the live accounts with that externalId in
// any integration (an import file does not say which integration it means).
func (s *Store) AccountsByExternalIDAny(ctx context.Context, externalID string) ([]Account, error) {
	var out []Account
	err := s.q(ctx).Where("deleted_at IS NULL AND external_id = ?", strings.TrimSpace(externalID)).Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: accounts by externalId: %w", mapErr(err))
	}
	return out, nil
}
