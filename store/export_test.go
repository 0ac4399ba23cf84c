package store

import (
	"context"

	"gorm.io/gorm"
)

// DBForTest exposes gorm to the package's external tests.
func (s *Store) DBForTest() *gorm.DB { return s.db }

// TokenCached reports whether s's token cache is listening and holds hash.
func (s *Store) TokenCached(hash string) bool {
	if s.tokens == nil {
		return false
	}
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	_, ok := s.tokens.entries[hash]
	return ok && s.tokens.live
}

// SignUpsQueryForTest is the query UnconfirmedSignUps sends for keys.
func (s *Store) SignUpsQueryForTest(keys []string) (string, []any) {
	where, args := s.signUpsWhere(keys)
	q := "SELECT * FROM accounts WHERE " + where
	if order := s.signUpsOrder(); order != "" {
		q += " ORDER BY " + order
	}
	return q, args
}

// GroupsForTest returns every group.
func (s *Store) GroupsForTest(ctx context.Context) ([]Group, error) {
	var out []Group
	err := s.q(ctx).Order("display_name").Find(&out).Error
	return out, err
}
