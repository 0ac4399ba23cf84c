package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// AuditExport selects the events an export streams: AuditFilter's fields
// (Limit and Offset ignored) and, when Integration is set, only what that
// integration did (actor "integration:<name>") or what was done to it.
type AuditExport struct {
	AuditFilter
	Integration *Integration
}

// auditExportPage bounds the rows held at once while exporting.
const auditExportPage = 1000

// ExportAudit calls fn for every event f selects, oldest first, reading
// pages of auditExportPage by id (keyset, never OFFSET): memory stays
// bounded however many events match, and events written during the export
// either appear once or not at all. fn's error stops the export.
func (s *Store) ExportAudit(ctx context.Context, f AuditExport, fn func(*AuditEvent) error) error {
	var after int64
	for {
		q := s.read(ctx).Model(&AuditEvent{}).Where("id > ?", after)
		q = auditWhere(q, f.AuditFilter)
		if in := f.Integration; in != nil {
			q = q.Where("(actor = ? OR (target_type = ? AND target_id = ?))", "integration:"+in.Name, "integration", in.ID)
		}
		var page []AuditEvent
		if err := q.Order("id").Limit(auditExportPage).Find(&page).Error; err != nil {
			return fmt.Errorf("store: export audit: %w", mapErr(err))
		}
		for i := range page {
			if err := fn(&page[i]); err != nil {
				return err
			}
		}
		if len(page) < auditExportPage {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

// auditWhere narrows q to f's actor, action, target and time range.
func auditWhere(q *gorm.DB, f AuditFilter) *gorm.DB {
	for col, v := range map[string]string{"actor": f.Actor, "action": f.Action, "target_type": f.TargetType, "target_id": f.TargetID} {
		if v != "" {
			q = q.Where(col+" = ?", v)
		}
	}
	if !f.Since.IsZero() {
		q = q.Where("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		q = q.Where("at < ?", f.Until.UTC())
	}
	return q
}

// maxSourceRequestID bounds an IdP's request id kept in audit details.
const maxSourceRequestID = 128

type sourceRequestKey struct{}

// WithSourceRequestID marks ctx with the request id an identity provider
// sent (Entra's client-request-id, Okta's X-Okta-Request-Id); every audit
// event written with ctx carries it as details.idpRequestId, so an auditor
// can match a change to the IdP's own provisioning log. Anything but
// printable ASCII, or more than 128 characters, is not kept.
func WithSourceRequestID(ctx context.Context, id string) context.Context {
	if id == "" || len(id) > maxSourceRequestID || strings.IndexFunc(id, func(r rune) bool { return r < 0x21 || r > 0x7e }) >= 0 {
		return ctx
	}
	return context.WithValue(ctx, sourceRequestKey{}, id)
}

// SourceRequestID is the IdP request id WithSourceRequestID put in ctx, or "".
func SourceRequestID(ctx context.Context) string {
	id, _ := ctx.Value(sourceRequestKey{}).(string)
	return id
}
