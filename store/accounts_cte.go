package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// insertAccountsCTE writes new accounts, their emails and their audit
// events in one PostgreSQL statement:
//
//	WITH a AS (INSERT INTO accounts ...), e AS (INSERT INTO account_emails ...)
//	INSERT INTO audit_events ...
//
// The three INSERTs are built by gorm (DryRun) exactly as CreateInBatches
// would build them; only their $n placeholders are renumbered to follow on.
// Foreign keys are checked at the end of the statement, when the accounts
// exist. Any unique violation fails the whole statement (ErrConflict).
func (s *Store) insertAccountsCTE(ctx context.Context, accts []*Account, evs []AuditEvent) error {
	var sb strings.Builder
	var vars []any
	add := func(value any) error {
		st := s.db.Session(&gorm.Session{DryRun: true, NewDB: true}).Create(value).Statement
		if st.Error != nil {
			return st.Error
		}
		sb.WriteString(renumber(st.SQL.String(), len(vars)))
		vars = append(vars, st.Vars...)
		return nil
	}
	sb.WriteString("WITH a AS (")
	if err := add(accts); err != nil {
		return fmt.Errorf("store: create %d accounts: %w", len(accts), err)
	}
	sb.WriteString(")")
	if emails := emailsOf(accts); len(emails) > 0 {
		sb.WriteString(", e AS (")
		if err := add(emails); err != nil {
			return fmt.Errorf("store: insert emails: %w", err)
		}
		sb.WriteString(")")
	}
	sb.WriteString(" ")
	auditDefaults(evs)
	if err := add(evs); err != nil {
		return fmt.Errorf("store: audit %d events: %w", len(evs), err)
	}
	// Straight to the connection (or transaction): the SQL is already bound.
	if _, err := s.db.Statement.ConnPool.ExecContext(ctx, sb.String(), vars...); err != nil {
		return fmt.Errorf("store: create %d accounts: %w", len(accts), mapErr(err))
	}
	return nil
}

var placeholder = regexp.MustCompile(`\$(\d+)`)

// renumber shifts the $n placeholders of a gorm-built INSERT (whose other
// text is quoted identifiers, never a '$') by offset.
func renumber(sql string, offset int) string {
	if offset == 0 {
		return sql
	}
	return placeholder.ReplaceAllStringFunc(sql, func(p string) string {
		n, _ := strconv.Atoi(p[1:])
		return "$" + strconv.Itoa(n+offset)
	})
}
