package invite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

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
	var err error
	if imp.Report, err = jsonArray(rep); err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	if imp.DryRun {
		if imp.Input, err = jsonArray(rows); err != nil {
			return fmt.Errorf("encode rows: %w", err)
		}
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

// jsonArray is json.Marshal of items, encoded item by item into the
// string it returns: of a 100,000-row import's report, Marshal held three
// copies at once (its buffer, its result, the string).
func jsonArray[T any](items []T) (string, error) {
	if items == nil {
		return "null", nil
	}
	var sb strings.Builder
	sb.WriteByte('[')
	for i := range items {
		b, err := json.Marshal(items[i])
		if err != nil {
			return "", err
		}
		if i == 0 {
			sb.Grow(len(b) * len(items) * 9 / 8)
		} else {
			sb.WriteByte(',')
		}
		sb.Write(b)
	}
	sb.WriteByte(']')
	return sb.String(), nil
}
