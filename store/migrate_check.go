package store

import (
	"context"
	"io/fs"
	"strconv"
	"strings"

	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// migrationsCurrent reports whether every embedded migration, ours and
// River's, is already applied. It compares sets, not the highest version:
// goose runs with out-of-order migrations allowed, so a database can hold
// version 25 without 24. A database ahead of this binary (more versions
// applied) is current. Any error (a table not created yet, a River schema
// without the line column) answers false: Migrate then takes the lock and
// the migrators say what is wrong.
func (s *Store) migrationsCurrent(ctx context.Context) bool {
	want, err := s.embeddedVersions()
	if err != nil {
		return false
	}
	have, err := s.appliedVersions(ctx, `SELECT version_id FROM goose_db_version WHERE is_applied`)
	if err != nil || !contains(have, want) {
		return false
	}
	river, err := s.riverVersions()
	if err != nil {
		return false
	}
	have, err = s.appliedVersions(ctx, `SELECT version FROM river_migration WHERE line = 'main'`)
	return err == nil && contains(have, river)
}

// embeddedVersions lists the goose versions embedded in the binary, from
// the file names (00025_reminders.sql is 25), as goose numbers them.
func (s *Store) embeddedVersions() ([]int64, error) {
	fsys, _, err := s.migrationFS()
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	out := make([]int64, 0, len(names))
	for _, n := range names {
		v, err := strconv.ParseInt(n[:strings.IndexByte(n+"_", '_')], 10, 64)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// riverVersions lists the versions of River's main migration line that
// this binary's River would apply (no database access).
func (s *Store) riverVersions() ([]int64, error) {
	var all []rivermigrate.Migration
	if s.dialect == Postgres {
		m, err := rivermigrate.New(riverdatabasesql.New(s.sqlDB), nil)
		if err != nil {
			return nil, err
		}
		all = m.AllVersions()
	} else {
		m, err := rivermigrate.New(riversqlite.New(s.sqlDB), nil)
		if err != nil {
			return nil, err
		}
		all = m.AllVersions()
	}
	out := make([]int64, len(all))
	for i, m := range all {
		out[i] = int64(m.Version)
	}
	return out, nil
}

// appliedVersions runs a one-column query of versions.
func (s *Store) appliedVersions(ctx context.Context, query string) (map[int64]bool, error) {
	rows, err := s.sqlDB.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

// contains reports whether every version of want is in have.
func contains(have map[int64]bool, want []int64) bool {
	for _, v := range want {
		if !have[v] {
			return false
		}
	}
	return true
}
