package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

// TestBulkInsertsWriteEveryColumn fills every column of an account, its
// emails and an audit event, writes them through the bulk paths (single-row
// prepared INSERTs on SQLite, multi-row ones on PostgreSQL) and reads them
// back: a column either path forgot, or a field added later that it does
// not write, fails here.
func TestBulkInsertsWriteEveryColumn(t *testing.T) {
	eachWithIntegration(t, "bulk", func(t *testing.T, ctx context.Context, s *store.Store, in *store.Integration) {
		at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
		a := &store.Account{}
		v := reflect.ValueOf(a).Elem()
		for i := range v.NumField() {
			f, name := v.Field(i), v.Type().Field(i).Name
			switch f.Kind() {
			case reflect.String:
				f.SetString("v-" + name)
			case reflect.Bool:
				f.SetBool(true)
			case reflect.Int64:
				f.SetInt(7)
			}
		}
		a.ID, a.IntegrationID, a.ExternalID, a.Attributes = "", &in.ID, ptr("ext-1"), `{"x": 1}`
		a.ClaimedAt, a.DeletedAt = &at, &at
		a.Emails = []store.Email{{Value: "a@example.com", Type: "work", IsPrimary: true, Display: "A"},
			{Value: "b@example.com", Type: "home"}}
		want := *a
		bare := &store.Account{UserName: "bare"} // every pointer nil: NULL, not a zero value
		if err := s.Tx(ctx, func(tx *store.Store) error { return tx.CreateAccounts(ctx, []*store.Account{a, bare}) }); err != nil {
			t.Fatal(err)
		}
		b, err := s.AccountByIDAny(ctx, bare.ID)
		if err != nil || b.IntegrationID != nil || b.ExternalID != nil || b.ClaimedAt != nil || b.DeletedAt != nil ||
			b.Attributes != "{}" || b.Status != store.StatusNotInvited || len(b.Emails) != 0 {
			t.Fatalf("bare account read back: %+v, %v", b, err)
		}
		got, err := s.AccountByIDAny(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		// What CreateAccounts sets itself.
		want.ID, want.Version, want.CreatedAt, want.UpdatedAt = a.ID, 1, got.CreatedAt, got.UpdatedAt
		want.Emails = []store.Email{{AccountID: a.ID, Position: 0, Value: "a@example.com", Type: "work", IsPrimary: true, Display: "A"},
			{AccountID: a.ID, Position: 1, Value: "b@example.com", Type: "home"}}
		if !got.ClaimedAt.Equal(at) || !got.DeletedAt.Equal(at) {
			t.Fatalf("times: %v %v, want %v", got.ClaimedAt, got.DeletedAt, at)
		}
		got.ClaimedAt, got.DeletedAt = want.ClaimedAt, want.DeletedAt
		if fmt.Sprintf("%+v", deref(got)) != fmt.Sprintf("%+v", deref(&want)) {
			t.Fatalf("read back:\n%+v\nwant:\n%+v", deref(got), deref(&want))
		}

		ev := store.AuditEvent{At: at, Actor: "test", Action: "bulk.checked", TargetType: "account", TargetID: a.ID, Details: `{"n": 1}`}
		if err := s.InsertAuditEvents(ctx, []store.AuditEvent{ev, ev}); err != nil {
			t.Fatal(err)
		}
		evs, n, err := s.AuditEvents(ctx, store.AuditFilter{TargetID: a.ID})
		if err != nil || n != 2 || len(evs) != 2 || evs[0].ID == 0 || evs[0].ID == evs[1].ID {
			t.Fatalf("audit events: %+v (%d), %v", evs, n, err)
		}
		for _, e := range evs {
			if !e.At.Equal(at) || e.Actor != "test" || e.Action != "bulk.checked" || e.TargetType != "account" || e.Details != `{"n": 1}` {
				t.Fatalf("audit event read back: %+v", e)
			}
		}
	})
}

// deref renders pointer fields by value, for comparison.
func deref(a *store.Account) map[string]any {
	out := map[string]any{}
	v := reflect.ValueOf(a).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer && !f.IsNil() {
			f = f.Elem()
		}
		out[v.Type().Field(i).Name] = fmt.Sprint(f.Interface())
	}
	return out
}
