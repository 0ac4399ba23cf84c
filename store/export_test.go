package store

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"gorm.io/gorm"
)

// DBForTest exposes gorm to the package's external tests.
func (s *Store) DBForTest() *gorm.DB { return s.db }

// TokenCached reports whether s's token cache is listening and holds hash
// (on SQLite: holds it).
func (s *Store) TokenCached(hash string) bool {
	if s.changes != nil {
		s.changes.mu.Lock()
		defer s.changes.mu.Unlock()
		_, ok := s.changes.entries[hash]
		return ok
	}
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

// MigrationsCurrent exposes the check Migrate makes before taking its lock.
func (s *Store) MigrationsCurrent(ctx context.Context) bool { return s.migrationsCurrent(ctx) }

// RollBackMigration undoes one applied goose version (its Down section),
// leaving the database behind by that version, out of order.
func (s *Store) RollBackMigration(ctx context.Context, version int64) error {
	fsys, dialect, err := s.migrationFS()
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(dialect, s.sqlDB, fsys, goose.WithAllowOutofOrder(true))
	if err != nil {
		return err
	}
	_, err = p.ApplyVersion(ctx, version, false)
	return err
}

// RollBackRiver undoes River's latest migration (its down step).
func (s *Store) RollBackRiver(ctx context.Context) error {
	var err error
	if s.dialect == Postgres {
		var m *rivermigrate.Migrator[*sql.Tx]
		if m, err = rivermigrate.New(riverdatabasesql.New(s.sqlDB), nil); err == nil {
			_, err = m.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{MaxSteps: 1})
		}
		return err
	}
	m, err := rivermigrate.New(riversqlite.New(s.sqlDB), nil)
	if err == nil {
		_, err = m.Migrate(ctx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{MaxSteps: 1})
	}
	return err
}
