package store

import (
	"context"
	"fmt"
	"time"
)

// AccountImport is one spreadsheet import of admin-created accounts, kept
// with its per-row report (Report, a JSON array) so it can be downloaded.
// A dry run also keeps the parsed rows (Input) that a confirm applies.
type AccountImport struct {
	ID            string `gorm:"primaryKey"`
	CreatedBy     string
	CreatedAt     time.Time
	FileName      string
	DryRun        bool
	Invite        string // "now" or "later"
	Total         int
	CreatedCount  int
	ExistingCount int
	InvalidCount  int
	InvitedCount  int
	AppliedID     *string // a dry run: the import that applied it
	Input         string
	Report        string
}

// TableName pins the table.
func (AccountImport) TableName() string { return "account_imports" }

// CreateAccountImport inserts imp; its id and creation time are set here
// when empty.
func (s *Store) CreateAccountImport(ctx context.Context, imp *AccountImport) error {
	if imp.ID == "" {
		imp.ID = NewID()
	}
	if imp.CreatedAt.IsZero() {
		imp.CreatedAt = Now()
	}
	if imp.Input == "" {
		imp.Input = "[]"
	}
	if imp.Report == "" {
		imp.Report = "[]"
	}
	return s.insert(ctx, imp, "account import")
}

// AccountImportByID returns one import with its report.
func (s *Store) AccountImportByID(ctx context.Context, id string) (*AccountImport, error) {
	return takeByID[AccountImport](ctx, s, id, "account import")
}

// MarkAccountImportApplied records that dry run id was applied by import
// appliedID; it returns ErrConflict when it already was.
func (s *Store) MarkAccountImportApplied(ctx context.Context, id, appliedID string) error {
	res := s.q(ctx).Exec("UPDATE account_imports SET applied_id = ? WHERE id = ? AND dry_run AND applied_id IS NULL", appliedID, id)
	if res.Error != nil {
		return fmt.Errorf("store: apply account import %s: %w", id, mapErr(res.Error))
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: apply account import %s: %w", id, ErrConflict)
	}
	return nil
}

// AdminAccountIDByExternalID returns the id of the live admin-created
// account (no integration) with externalID: the database cannot make those
// unique (NULL integration ids are distinct), so imports check here.
func (s *Store) AdminAccountIDByExternalID(ctx context.Context, externalID string) (string, error) {
	var ids []string
	err := s.q(ctx).Raw("SELECT id FROM accounts WHERE integration_id IS NULL AND external_id = ? AND deleted_at IS NULL LIMIT 1",
		externalID).Scan(&ids).Error
	if err != nil {
		return "", fmt.Errorf("store: account by external id: %w", mapErr(err))
	}
	if len(ids) == 0 {
		return "", ErrNotFound
	}
	return ids[0], nil
}
