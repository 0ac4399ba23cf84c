package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"gorm.io/gorm/schema"
)

// insertEach inserts rows (models, or pointers to them) on SQLite through one
// prepared single-row INSERT, where multi-row INSERTs cost more than they
// save: inside a transaction SQLite copies every page such a statement
// changes to a statement journal (a temporary file), in case a later row
// fails, and parses it again for every batch. A single-row INSERT needs
// neither (100k-user LDAP import: users phase about 20% faster). Every
// column is written as the row holds it: callers set timestamps and
// defaults first; a database-generated primary key (audit_events.id) is
// left to the database.
func insertEach[T any](ctx context.Context, s *Store, rows []T) error {
	_, err := insertRows(ctx, s, rows, "")
	return err
}

// insertEachNew is insertEach skipping the rows a unique key refuses (ON
// CONFLICT DO NOTHING): written[k] says whether rows[k] was written.
func insertEachNew[T any](ctx context.Context, s *Store, rows []T) (written []bool, err error) {
	return insertRows(ctx, s, rows, " ON CONFLICT DO NOTHING")
}

// insertRows runs the prepared single-row INSERT, followed by conflict, for
// each of rows, and says which it wrote.
func insertRows[T any](ctx context.Context, s *Store, rows []T, conflict string) ([]bool, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ins, err := s.inserterOf(reflect.TypeFor[T]())
	if err != nil {
		return nil, err
	}
	stmt, err := s.q(ctx).Statement.ConnPool.PrepareContext(ctx, ins.query+conflict)
	if err != nil {
		return nil, fmt.Errorf("store: insert into %s: %w", ins.table, mapErr(err))
	}
	defer stmt.Close()
	written := make([]bool, len(rows))
	args := make([]any, len(ins.fields))
	for k := range rows {
		v := reflect.ValueOf(&rows[k]).Elem()
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		for i, f := range ins.fields {
			args[i], _ = f.ValueOf(ctx, v)
		}
		res, err := stmt.ExecContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("store: insert into %s: %w", ins.table, mapErr(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("store: insert into %s: %w", ins.table, mapErr(err))
		}
		written[k] = n > 0
	}
	return written, nil
}

// inserter is the single-row INSERT of one model.
type inserter struct {
	table, query string
	fields       []*schema.Field
}

var (
	schemas   sync.Map // gorm's schema cache
	inserters sync.Map // reflect.Type -> *inserter
)

func (s *Store) inserterOf(t reflect.Type) (*inserter, error) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if ins, ok := inserters.Load(t); ok {
		return ins.(*inserter), nil
	}
	sch, err := schema.Parse(reflect.New(t).Interface(), &schemas, s.db.NamingStrategy)
	if err != nil {
		return nil, fmt.Errorf("store: schema of %s: %w", t, err)
	}
	ins := &inserter{table: sch.Table}
	var cols []string
	for _, f := range sch.Fields {
		generated := f == sch.PrioritizedPrimaryField && f.AutoIncrement
		if f.DBName == "" || !f.Creatable || generated {
			continue
		}
		ins.fields = append(ins.fields, f)
		cols = append(cols, f.DBName)
	}
	ins.query = "INSERT INTO " + sch.Table + " (" + strings.Join(cols, ", ") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	inserters.Store(t, ins)
	return ins, nil
}
