package invite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// keepImport counts the report into imp, stores it (with the parsed rows
// for a preview) and audits the import with its counts.
func (s *Service) keepImport(ctx context.Context, tx *store.Store, actor account.Actor, imp *store.AccountImport, rows []AccountImportRow, rep []AccountImportReport) error {
	for _, r := range rep {
		switch r.Result {
		case RowCreate, RowCreated:
			imp.CreatedCount++
		case RowAlreadyExists:
			imp.ExistingCount++
		case RowInvalid:
			imp.InvalidCount++
		}
		if r.Invitation != "" {
			imp.InvitedCount++
		}
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	imp.Report = string(b)
	if imp.DryRun {
		if b, err = json.Marshal(rows); err != nil {
			return fmt.Errorf("encode rows: %w", err)
		}
		imp.Input = string(b)
	}
	if err := tx.CreateAccountImport(ctx, imp); err != nil {
		return err
	}
	action := "account.import"
	if imp.DryRun {
		action = "account.import_preview"
	}
	return tx.Audit(ctx, actor.String(), action, "account_import", imp.ID, map[string]any{
		"file": imp.FileName, "invite": imp.Invite, "total": imp.Total, "created": imp.CreatedCount,
		"alreadyExists": imp.ExistingCount, "invalid": imp.InvalidCount, "invited": imp.InvitedCount})
}
