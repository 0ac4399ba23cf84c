package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// unconfirmedSignUp is the condition of an account made through a multi-use
// link whose address nobody has proven yet: never claimed (no confirmation
// opened, no approval given), not deleted. The partial indexes of migration
// 00012 carry the same condition.
const unconfirmedSignUp = "origin = 'link' AND claimed_at IS NULL AND deleted_at IS NULL"

// signUpChunk bounds the addresses of one query (each appears twice).
const signUpChunk = 1000

// LockUnconfirmedSignUps returns the unconfirmed sign-ups whose userName or
// primary email is one of addrs, case-insensitively as the database folds
// case, leaving out the accounts whose ids are in except. In a PostgreSQL
// transaction the rows are locked, so a confirmation racing the caller
// either commits first (and the account is no longer unconfirmed) or finds
// it gone.
func (s *Store) LockUnconfirmedSignUps(ctx context.Context, addrs []string, except ...string) ([]*Account, error) {
	seen := make(map[string]bool, len(addrs))
	var keys []string
	for _, a := range addrs {
		if a = strings.TrimSpace(a); a != "" && !seen[a] {
			seen[a] = true
			keys = append(keys, a)
		}
	}
	skip := make(map[string]bool, len(except))
	for _, id := range except {
		skip[id] = true
	}
	var out []*Account
	if len(keys) > 0 && s.dialect == SQLite {
		// Most databases hold no unconfirmed sign-up at all: one probe of
		// the partial index, with SQL the connection keeps prepared, saves
		// the lookup of every address (a fifth of a SCIM create batch's
		// statements before its commit). SQLite's one writer makes the
		// answer hold until the caller's transaction ends.
		var found int
		if err := s.q(ctx).Raw("SELECT EXISTS (SELECT 1 FROM accounts INDEXED BY accounts_unconfirmed_signup_name_idx WHERE " + unconfirmedSignUp + ")").Row().Scan(&found); err != nil {
			return nil, fmt.Errorf("store: unconfirmed sign-ups: %w", mapErr(err))
		}
		if found == 0 {
			return nil, nil
		}
	}
	for start := 0; start < len(keys); start += signUpChunk {
		chunk := keys[start:min(start+signUpChunk, len(keys))]
		where, args := s.signUpsWhere(chunk)
		q := s.q(ctx).Where(where, args...)
		q = s.lockedInTx(q)
		if order := s.signUpsOrder(); order != "" {
			q = q.Order(order)
		}
		var got []*Account
		if err := q.Find(&got).Error; err != nil {
			return nil, fmt.Errorf("store: unconfirmed sign-ups: %w", mapErr(err))
		}
		for _, a := range got {
			if !skip[a.ID] {
				skip[a.ID] = true // an account matching two chunks comes once
				out = append(out, a)
			}
		}
	}
	slices.SortFunc(out, func(a, b *Account) int { return strings.Compare(a.ID, b.ID) })
	if err := s.loadEmails(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// signUpsOrder is the ORDER BY of UnconfirmedSignUps: by id on PostgreSQL,
// so that every caller locks rows in one order; none on SQLite, where ORDER
// BY id makes it walk the whole table in id order instead of the two small
// partial indexes (an account import of 20,000 rows went quadratic); the
// rows are sorted in Go instead.
func (s *Store) signUpsOrder() string {
	if s.dialect == Postgres {
		return "id"
	}
	return ""
}

// signUpsWhere is the condition of UnconfirmedSignUps for keys.
func (s *Store) signUpsWhere(keys []string) (string, []any) {
	list := strings.TrimSuffix(strings.Repeat("lower(?),", len(keys)), ",")
	args := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		args = append(args, k)
	}
	args = append(args, args...)
	return unconfirmedSignUp + " AND (lower(user_name) IN (" + list + ") OR lower(email) IN (" + list + "))", args
}

// SettledAccountWithEmailExists reports whether a live account other than
// an unconfirmed sign-up has email as its userName or one of its
// addresses, case-insensitively: an address a new sign-up must not take.
func (s *Store) SettledAccountWithEmailExists(ctx context.Context, email string) (bool, error) {
	return s.accountWithEmailExists(ctx, email, "NOT (a.origin = 'link' AND a.claimed_at IS NULL)")
}

// VoidPasswordResets ends the account's password resets in flight (its
// address changed: they were mailed to the old one) and reports how many.
func (s *Store) VoidPasswordResets(ctx context.Context, accountID string) (int64, error) {
	res := s.q(ctx).Exec("UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL", Now(), accountID)
	if res.Error != nil {
		return 0, fmt.Errorf("store: void password resets of %s: %w", accountID, mapErr(res.Error))
	}
	return res.RowsAffected, nil
}

// IsUnconfirmedSignUp reports whether a was made through a multi-use link
// and its address never proven (the condition UnconfirmedSignUps matches).
func (a *Account) IsUnconfirmedSignUp() bool {
	return a.Origin == "link" && a.ClaimedAt == nil && a.DeletedAt == nil
}
