package store

import (
	"context"
	"fmt"
)

// InviteForecast is what an invite-all would do to one integration's
// accounts (IntegrationID "" for admin-created ones): Mailed accounts have an
// email and would get an invitation mail, AccessCodes have none and would
// get a code an admin hands over.
type InviteForecast struct {
	IntegrationID   string `json:"integrationId"`
	IntegrationName string `json:"integration"`
	Mailed          int    `json:"mailed"`
	AccessCodes     int    `json:"accessCodes"`
}

// InviteForecasts counts the invite-all candidates (live, active,
// not_invited; of one integration when integrationID is set) per
// integration and by whether they have an email, in one grouped query.
// It writes nothing.
func (s *Store) InviteForecasts(ctx context.Context, integrationID string) ([]InviteForecast, error) {
	q := s.read(ctx).Table("accounts a").
		Select("COALESCE(a.integration_id, '') AS integration_id, COALESCE(i.name, '') AS integration_name, "+
			"SUM(CASE WHEN a.email <> '' THEN 1 ELSE 0 END) AS mailed, SUM(CASE WHEN a.email = '' THEN 1 ELSE 0 END) AS access_codes").
		Joins("LEFT JOIN integrations i ON i.id = a.integration_id").
		Where("a.status = ? AND a.active = ? AND a.deleted_at IS NULL", StatusNotInvited, true).
		Group("a.integration_id, i.name").Order("integration_name")
	if integrationID != "" {
		q = q.Where("a.integration_id = ?", integrationID)
	}
	var out []InviteForecast
	if err := q.Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: invite forecast: %w", mapErr(err))
	}
	return out, nil
}
