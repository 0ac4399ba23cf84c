package store

import (
	"context"
	"fmt"
)

// orphanGroups leaves the groups of integration id without a source, as
// its accounts are. Sourceless groups share one namespace of names (the
// unique groups_display_name_key), so a group named like one already there
// (another deleted integration's, an admin's) is renamed "Name (source)",
// "Name (source 2)", ... rather than making the deletion fail.
func (s *Store) orphanGroups(ctx context.Context, id string) error {
	var source string
	if err := s.q(ctx).Raw("SELECT name FROM integrations WHERE id = ?", id).Scan(&source).Error; err != nil {
		return fmt.Errorf("store: delete integration: %w", mapErr(err))
	}
	var clashing []Group
	err := s.q(ctx).Where(`integration_id = ? AND lower(display_name) IN
		(SELECT lower(display_name) FROM groups WHERE integration_id IS NULL)`, id).Find(&clashing).Error
	if err != nil {
		return fmt.Errorf("store: delete integration: %w", mapErr(err))
	}
	for _, g := range clashing {
		name, err := s.freeOrphanName(ctx, id, g.DisplayName, source)
		if err != nil {
			return err
		}
		if err := s.q(ctx).Exec("UPDATE groups SET display_name = ?, integration_id = NULL, version = version + 1 WHERE id = ?",
			name, g.ID).Error; err != nil {
			return fmt.Errorf("store: delete integration: %w", mapErr(err))
		}
	}
	if err := s.q(ctx).Exec("UPDATE groups SET integration_id = NULL WHERE integration_id = ?", id).Error; err != nil {
		return fmt.Errorf("store: delete integration: %w", mapErr(err))
	}
	return nil
}

// freeOrphanName is the first of "name (source)", "name (source 2)", ...
// that no sourceless group and no group of the integration being deleted
// has.
func (s *Store) freeOrphanName(ctx context.Context, id, name, source string) (string, error) {
	for n := 1; ; n++ {
		candidate := fmt.Sprintf("%s (%s)", name, source)
		if n > 1 {
			candidate = fmt.Sprintf("%s (%s %d)", name, source, n)
		}
		var taken int64
		err := s.q(ctx).Raw(`SELECT count(*) FROM groups WHERE lower(display_name) = lower(?)
			AND (integration_id IS NULL OR integration_id = ?)`, candidate, id).Scan(&taken).Error
		if err != nil {
			return "", fmt.Errorf("store: delete integration: %w", mapErr(err))
		}
		if taken == 0 {
			return candidate, nil
		}
	}
}
