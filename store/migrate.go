package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/provisiond/provisiond/migrations"
)

// MigrationLockID is the PostgreSQL advisory lock key under which every
// replica applies migrations, ours and River's, one at a time.
const MigrationLockID int64 = 0x70726f76697369 // "provisi"

// Migrate applies pending schema migrations (goose) and River's migrations.
// It first compares the applied versions with the embedded ones
// (migrate_check.go): a current database costs two reads and takes no lock.
// Otherwise, on PostgreSQL, both run under one session-level advisory lock
// held on a dedicated connection, so replicas starting together never race.
func (s *Store) Migrate(ctx context.Context) error {
	if s.migrationsCurrent(ctx) {
		return nil
	}
	if s.dialect == SQLite {
		return s.migrateUnlocked(ctx)
	}
	conn, err := s.sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", mapErr(err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", MigrationLockID); err != nil {
		return fmt.Errorf("store: migrate: take lock: %w", mapErr(err))
	}
	// Unlock on a fresh context: ctx may be canceled by now.
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", MigrationLockID) //nolint:errcheck
	return s.migrateUnlocked(ctx)
}

func (s *Store) migrateUnlocked(ctx context.Context) error {
	fsys, dialect, err := s.migrationFS()
	if err != nil {
		return err
	}
	// Versions are allocated per feature, so one that lands later than a
	// higher number must still apply.
	p, err := goose.NewProvider(dialect, s.sqlDB, fsys, goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", mapErr(err))
	}
	if err := s.migrateRiver(ctx); err != nil {
		return fmt.Errorf("store: migrate river: %w", mapErr(err))
	}
	return nil
}

func (s *Store) migrationFS() (fs.FS, goose.Dialect, error) {
	if s.dialect == Postgres {
		sub, err := fs.Sub(migrations.Postgres, "postgres")
		return sub, goose.DialectPostgres, err
	}
	sub, err := fs.Sub(migrations.SQLite, "sqlite")
	return sub, goose.DialectSQLite3, err
}

func (s *Store) migrateRiver(ctx context.Context) error {
	if s.dialect == Postgres {
		m, err := rivermigrate.New(riverdatabasesql.New(s.sqlDB), nil)
		if err != nil {
			return err
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	}
	m, err := rivermigrate.New(riversqlite.New(s.sqlDB), nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// SchemaVersion returns the latest applied goose version, for /readyz.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.sqlDB.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&v)
	return v, mapErr(err)
}

// LatestSchemaVersion is the highest migration version embedded in the binary.
func (s *Store) LatestSchemaVersion() (int64, error) {
	fsys, dialect, err := s.migrationFS()
	if err != nil {
		return 0, err
	}
	p, err := goose.NewProvider(dialect, s.sqlDB, fsys)
	if err != nil {
		return 0, err
	}
	srcs := p.ListSources()
	if len(srcs) == 0 {
		return 0, nil
	}
	return srcs[len(srcs)-1].Version, nil
}
