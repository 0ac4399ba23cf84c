package store

import (
	"context"
	"fmt"
	"strings"
)

// importCheckChunk bounds the names or ids of one query of the import
// checks below: far below either database's limit on bound variables.
const importCheckChunk = 1000

// AccountIDsHoldingUserNames is AccountByUserName for many names (an
// account import's check): for each of names that a live account other
// than an unconfirmed sign-up holds, case-insensitively as the database
// folds case, the account's id, keyed by the name as given. The database
// pairs each name with its holder, so its case folding is the only one.
func (s *Store) AccountIDsHoldingUserNames(ctx context.Context, names []string) (map[string]string, error) {
	out := make(map[string]string)
	for start := 0; start < len(names); start += importCheckChunk {
		chunk := names[start:min(start+importCheckChunk, len(names))]
		args := make([]any, len(chunk))
		for i, n := range chunk {
			args[i] = n
		}
		var got []struct{ Name, ID string }
		err := s.q(ctx).Raw("WITH n(name) AS (VALUES "+strings.TrimSuffix(strings.Repeat("(?),", len(chunk)), ",")+") "+
			"SELECT n.name AS name, a.id AS id FROM n JOIN accounts a ON lower(a.user_name) = lower(n.name) "+
			"AND a.deleted_at IS NULL WHERE NOT (a.origin = 'link' AND a.claimed_at IS NULL)", // unconfirmedSignUp
			args...).Find(&got).Error
		if err != nil {
			return nil, fmt.Errorf("store: accounts by user name: %w", mapErr(err))
		}
		for _, g := range got {
			out[g.Name] = g.ID
		}
	}
	return out, nil
}

// AdminAccountIDsByExternalIDs is AdminAccountIDByExternalID for many
// external ids: the id of a live admin-created account holding each one
// that one holds.
func (s *Store) AdminAccountIDsByExternalIDs(ctx context.Context, externalIDs []string) (map[string]string, error) {
	out := make(map[string]string)
	for start := 0; start < len(externalIDs); start += importCheckChunk {
		chunk := externalIDs[start:min(start+importCheckChunk, len(externalIDs))]
		var got []struct{ ExternalID, ID string }
		err := s.q(ctx).Raw("SELECT external_id, id FROM accounts WHERE integration_id IS NULL AND external_id IN ? "+
			"AND deleted_at IS NULL", chunk).Find(&got).Error
		if err != nil {
			return nil, fmt.Errorf("store: accounts by external id: %w", mapErr(err))
		}
		for _, g := range got {
			if _, dup := out[g.ExternalID]; !dup {
				out[g.ExternalID] = g.ID
			}
		}
	}
	return out, nil
}
