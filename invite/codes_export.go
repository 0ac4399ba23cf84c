package invite

import (
	"context"
	"fmt"
	"time"

	"github.com/provisiond/provisiond/store"
)

// CodeRow is one line of the access-code export.
type CodeRow struct {
	AccountID   string
	UserName    string
	DisplayName string
	ExternalID  string
	Integration string
	Code        string // grouped XXXX-XXXX-XXXX-XXXX
	ExpiresAt   time.Time
}

// ExportAccessCodes calls fn for every live code (of one integration when
// integrationID is set), streaming, and audits the export once.
func (s *Service) ExportAccessCodes(ctx context.Context, actor, integrationID string, fn func(CodeRow) error) error {
	n := 0
	err := s.Store.LiveAccessCodes(ctx, integrationID, func(r store.AccessCodeExport) error {
		c, err := s.openCode(&r.AccessCode)
		if err != nil {
			return err
		}
		row := CodeRow{AccountID: r.AccountID, UserName: r.UserName, DisplayName: r.DisplayName,
			Integration: r.Integration, Code: c.Code, ExpiresAt: c.ExpiresAt}
		if r.ExternalID != nil {
			row.ExternalID = *r.ExternalID
		}
		n++
		return fn(row)
	})
	if err != nil {
		return fmt.Errorf("invite: export access codes: %w", err)
	}
	details := map[string]any{"count": n}
	if integrationID != "" {
		details["integrationId"] = integrationID
	}
	if err := s.Store.Audit(ctx, actor, "access_codes.exported", "access_code", "", details); err != nil {
		return fmt.Errorf("invite: export access codes: %w", err)
	}
	return nil
}
