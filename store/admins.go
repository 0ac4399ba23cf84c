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
	return s.insert(ctx, t, "admin token")
}

// AdminTokenByHash finds the active (not revoked) admin token whose hash is hash.
func (s *Store) AdminTokenByHash(ctx context.Context, hash string) (*AdminToken, error) {
	return take[AdminToken](s.q(ctx).Where("token_hash = ? AND revoked_at IS NULL", hash), "admin token")
}

// AdminTokenRecord finds the admin token whose hash is hash, revoked or not.
func (s *Store) AdminTokenRecord(ctx context.Context, hash string) (*AdminToken, error) {
	return take[AdminToken](s.q(ctx).Where("token_hash = ?", hash), "admin token")
}

// CountActiveAdminTokens counts the admin API tokens not revoked.
func (s *Store) CountActiveAdminTokens(ctx context.Context) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&AdminToken{}).Where("revoked_at IS NULL").Count(&n).Error
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

// AdminByEmail finds the admin whose email is email but for the case of
// ASCII letters (SameEmail). SQL's lower() is only the index's way in: on
// PostgreSQL it folds Unicode too, and would let a look-alike address (the
// Kelvin sign for a K) log in as someone else.
func (s *Store) AdminByEmail(ctx context.Context, email string) (*Admin, error) {
	var a Admin
	if err := s.q(ctx).Where("lower(email) = lower(?)", email).Take(&a).Error; err != nil {
		return nil, fmt.Errorf("store: admin: %w", mapErr(err))
	}
	if !SameEmail(a.Email, email) {
		return nil, fmt.Errorf("store: admin: %w", ErrNotFound)
	}
	return &a, nil
}

// SameEmail reports whether a and b are the same address: byte for byte,
// but for the case of ASCII letters. No Unicode case folding and no
// trimming: both map look-alikes onto real addresses.
func SameEmail(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// FoldEmail lowers the ASCII letters of an address and nothing else: two
// addresses are the same (SameEmail) exactly when they fold alike.
func FoldEmail(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// SetAdminLanguageIfUnset records lang as admin id's mail language unless
// one is already recorded; it reports whether it did.
func (s *Store) SetAdminLanguageIfUnset(ctx context.Context, id, lang string) (bool, error) {
	res := s.q(ctx).Model(&Admin{}).Where("id = ? AND language = ''", id).Update("language", lang)
	if res.Error != nil {
		return false, fmt.Errorf("store: admin language: %w", mapErr(res.Error))
	}
	return res.RowsAffected == 1, nil
}

// AdminByID finds an admin by id.
func (s *Store) AdminByID(ctx context.Context, id string) (*Admin, error) {
	return take[Admin](s.q(ctx).Where("id = ?", id), "admin")
}
