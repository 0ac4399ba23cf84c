package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ServerSettings is what the last `provisiond serve` to start recorded of
// its configuration: one-shot commands, run from a shell that may lack the
// server's environment, build links from BaseURL and queue mail for the
// server's workers when MailEnabled. No secret is recorded.
type ServerSettings struct {
	ID          int `gorm:"primaryKey;autoIncrement:false"`
	BaseURL     string
	MailEnabled bool
	MailFrom    string
	OrgName     string
	RecordedAt  time.Time
}

// TableName is the table of ServerSettings.
func (ServerSettings) TableName() string { return "server_settings" }

// RecordServerSettings replaces the recorded settings with ss.
func (s *Store) RecordServerSettings(ctx context.Context, ss ServerSettings) error {
	ss.ID, ss.RecordedAt = 1, Now()
	err := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, UpdateAll: true}).Create(&ss).Error
	if err != nil {
		return fmt.Errorf("store: record server settings: %w", mapErr(err))
	}
	return nil
}

// RecordedServerSettings returns what serve recorded, or ErrNotFound when
// no server has started on this database yet.
func (s *Store) RecordedServerSettings(ctx context.Context) (*ServerSettings, error) {
	var ss ServerSettings
	err := s.q(ctx).Where("id = 1").Take(&ss).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: server settings: %w", mapErr(err))
	}
	return &ss, nil
}
