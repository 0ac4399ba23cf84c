package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// insert creates row; what names it in the error ("webhook endpoint").
func (s *Store) insert(ctx context.Context, row any, what string) error {
	if err := s.q(ctx).Create(row).Error; err != nil {
		return fmt.Errorf("store: create %s: %w", what, mapErr(err))
	}
	return nil
}

// updateByID reads the T whose id is id in a transaction, lets fn change
// it, stamps it (touch sets its id and update time) and saves every column
// but id and created_at; what names it in errors ("webhook endpoint").
func updateByID[T any](ctx context.Context, s *Store, id, what string, fn func(*T) error, touch func(*T)) (*T, error) {
	var out *T
	err := s.Tx(ctx, func(tx *Store) error {
		row, err := takeByID[T](ctx, tx, id, what)
		if err != nil {
			return err
		}
		if err := fn(row); err != nil {
			return err
		}
		touch(row)
		if err := tx.q(ctx).Select("*").Omit("id", "created_at").Updates(row).Error; err != nil {
			return fmt.Errorf("store: update %s %s: %w", what, id, mapErr(err))
		}
		out = row
		return nil
	})
	return out, err
}

// takeByID reads the T whose id is id (ErrNotFound when there is none);
// what names it in the error ("webhook endpoint").
func takeByID[T any](ctx context.Context, s *Store, id any, what string) (*T, error) {
	return take[T](s.q(ctx).Where("id = ?", id), "%s %v", what, id)
}

// take reads the one T that q selects (ErrNotFound when there is none);
// format and args name it in the error ("invitation %s", id).
func take[T any](q *gorm.DB, format string, args ...any) (*T, error) {
	var row T
	if err := q.Take(&row).Error; err != nil {
		return nil, fmt.Errorf("store: "+format+": %w", append(args, mapErr(err))...)
	}
	return &row, nil
}

// whereEq narrows q by column = value for each (column, value) pair of
// pairs whose value is not "": an empty filter field matches everything.
func whereEq(q *gorm.DB, pairs ...string) *gorm.DB {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			q = q.Where(pairs[i]+" = ?", pairs[i+1])
		}
	}
	return q
}

// findAll reads every row of q in order (never nil); what names the rows
// in errors ("admins").
func findAll[T any](q *gorm.DB, order, what string) ([]T, error) {
	out := []T{}
	if err := q.Order(order).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: list %s: %w", what, mapErr(err))
	}
	return out, nil
}

// findPage counts q's rows and reads one page of them in order: the rows
// of a list (never nil) and the total of all the matching ones. what names
// the rows in errors ("invitations").
func findPage[T any](q *gorm.DB, order string, limit, offset int, what string) ([]T, int64, error) {
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count %s: %w", what, mapErr(err))
	}
	out := []T{}
	if err := q.Order(order).Limit(limit).Offset(offset).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: list %s: %w", what, mapErr(err))
	}
	return out, total, nil
}
