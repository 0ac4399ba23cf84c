package store

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"modernc.org/sqlite"
)

// ErrNotFound means the row asked for does not exist (or is deleted).
var ErrNotFound = errors.New("store: not found")

// ErrConflict means a uniqueness constraint refused the write.
var ErrConflict = errors.New("store: conflict")

// ErrUnavailable means the database could not be reached.
var ErrUnavailable = errors.New("store: database unavailable")

// ErrRetry means the database aborted the transaction to resolve a
// deadlock or a serialization failure: running it again may succeed.
var ErrRetry = errors.New("store: transaction aborted, retry")

// oneRow is the outcome of a write that must change a row: nil, the
// write's error (mapped), or ErrNotFound when it changed no row. format
// and args name the write in the message ("consume invitation %s", id).
func oneRow(res *gorm.DB, format string, args ...any) error {
	switch {
	case res.Error != nil:
		return fmt.Errorf("store: "+format+": %w", append(args, mapErr(res.Error))...)
	case res.RowsAffected == 0:
		return fmt.Errorf("store: "+format+": %w", append(args, ErrNotFound)...)
	}
	return nil
}

// mapErr turns driver errors into the package's sentinel errors, keeping the
// original error in the chain for logs.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrRetry) {
		return err
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "23505":
			return &ConflictError{Constraint: pgErr.ConstraintName, err: err}
		case strings.HasPrefix(pgErr.Code, "08"), pgErr.Code == "57P01", pgErr.Code == "57P03":
			return errors.Join(ErrUnavailable, err)
		case pgErr.Code == "40P01", pgErr.Code == "40001": // deadlock_detected, serialization_failure
			return errors.Join(ErrRetry, err)
		}
		return err
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
			return &ConflictError{Constraint: constraintFromSQLite(sqErr.Error()), err: err}
		}
		return err
	}
	if lostConnection(err) {
		return errors.Join(ErrUnavailable, err)
	}
	return err
}

// lostConnection reports a failure to reach PostgreSQL: no connection could
// be made, or the one in use broke (server restarted, network cut). Both
// are the database being away, not a bad query, and both pass by
// themselves.
func lostConnection(err error) bool {
	var connErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connErr) || errors.As(err, &netErr) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// ConflictError is an ErrConflict that names the violated constraint (an
// index name such as accounts_user_name_key), so callers can say which
// attribute clashed.
type ConflictError struct {
	Constraint string
	err        error
}

func (e *ConflictError) Error() string { return "store: conflict on " + e.Constraint }

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// Unwrap keeps the driver error for logs.
func (e *ConflictError) Unwrap() error { return e.err }

// ConflictOn reports whether err is a conflict on an index whose name
// contains part (for example "user_name" or "external_id").
func ConflictOn(err error, part string) bool {
	var ce *ConflictError
	return errors.As(err, &ce) && strings.Contains(ce.Constraint, part)
}

// constraintFromSQLite extracts "table.column" from SQLite's message
// "UNIQUE constraint failed: accounts.user_name" and turns it into the
// index-like name used on PostgreSQL.
func constraintFromSQLite(msg string) string {
	i := strings.LastIndex(msg, "constraint failed: ")
	if i < 0 {
		return msg
	}
	cols := msg[i+len("constraint failed: "):]
	if name, ok := strings.CutPrefix(cols, "index '"); ok { // expression indexes
		return strings.TrimSuffix(name, "'")
	}
	if j := strings.Index(cols, " ("); j >= 0 {
		cols = cols[:j]
	}
	// "accounts.integration_id, accounts.external_id" -> "accounts_integration_id_external_id_key"
	var b strings.Builder
	for n, part := range strings.Split(cols, ",") {
		part = strings.TrimSpace(part)
		t, c, ok := strings.Cut(part, ".")
		if !ok {
			c = part
		}
		if n == 0 {
			b.WriteString(t)
		}
		b.WriteString("_" + c)
	}
	b.WriteString("_key")
	return b.String()
}
