// Package store is the only package that speaks SQL. It opens the database
// (embedded SQLite through modernc, or PostgreSQL through pgx) with gorm,
// applies the embedded goose migrations and River's own migrations under one
// lock, taken only when the applied versions lack one of the embedded ones
// (migrate_check.go), and offers queries that read like English (AccountByUserName,
// IntegrationByTokenHash, ...).
//
// Driver errors are mapped here, and only here, to ErrNotFound and ErrConflict;
// callers check them with errors.Is. InvalidError (invalid.go), refused input
// with the field and a reason safe to show, lives here too because every
// layer above can name it: the services return it, web/ and cmd/ read it
// with errors.As (AsInvalid) instead of slicing err.Error(). Filters arrive as a neutral expression
// tree (Filter) that this package alone translates to SQL for each dialect:
// over accounts (ListAccounts, as the integration sees them while the
// breaker holds a change: source_view.go), over groups, or over both at
// once (SearchResources, SCIM's root .search). ListAccounts and ListGroups
// page by offset, or by keyset past a (created_at, id) position
// (keyset.go, for SCIM cursor paging).
//
// Times are stored in UTC, truncated to the microsecond, so that both
// dialects compare and round-trip them identically (SQLite stores them as
// fixed-layout text whose lexical order is the time order).
//
// store must not import any other package of this module except migrations.
package store
