package store

import (
	"context"
	"fmt"
)

// CreateAdminToken stores a hashed admin API token.
func (s *Store) CreateAdminToken(ctx context.Context, t *AdminToken) error {
	if t.ID == "" {
		t.ID = NewID()
	}
	if err := s.q(ctx).Create(t).Error; err != nil {
		return fmt.Errorf("store: create admin token: %w", mapErr(err))
	}
	return nil
}

// AdminTokenByHash finds the admin token whose hash is hash.
func (s *Store) AdminTokenByHash(ctx context.Context, hash string) (*AdminToken, error) {
	var t AdminToken
	if err := s.q(ctx).Where("token_hash = ?", hash).Take(&t).Error; err != nil {
		return nil, fmt.Errorf("store: admin token: %w", mapErr(err))
	}
	return &t, nil
}

// CountAdminTokens counts admin API tokens.
func (s *Store) CountAdminTokens(ctx context.Context) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&AdminToken{}).Count(&n).Error
	return n, mapErr(err)
}

// CountAdmins counts console admins.
func (s *Store) CountAdmins(ctx context.Context) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&Admin{}).Count(&n).Error
	return n, mapErr(err)
}

// CreateAdmin inserts a console admin.
func (s *Store) CreateAdmin(ctx context.Context, a *Admin) error {
	if a.ID == "" {
		a.ID = NewID()
	}
	if err := s.q(ctx).Create(a).Error; err != nil {
		return fmt.Errorf("store: create admin %s: %w", a.Email, mapErr(err))
	}
	return nil
}

// AdminByEmail finds an admin by email, case-insensitively.
func (s *Store) AdminByEmail(ctx context.Context, email string) (*Admin, error) {
	var a Admin
	if err := s.q(ctx).Where("lower(email) = lower(?)", email).Take(&a).Error; err != nil {
		return nil, fmt.Errorf("store: admin: %w", mapErr(err))
	}
	return &a, nil
}

// AdminByID finds an admin by id.
func (s *Store) AdminByID(ctx context.Context, id string) (*Admin, error) {
	var a Admin
	if err := s.q(ctx).Where("id = ?", id).Take(&a).Error; err != nil {
		return nil, fmt.Errorf("store: admin: %w", mapErr(err))
	}
	return &a, nil
}
