package account_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestGroupLifecycleAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := account.New(s, nil, slog.New(slog.DiscardHandler))
		in := newIntegration(t, s, "okta", "scim")
		actor := account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}
		u := &store.Account{IntegrationID: &in.ID, UserName: "u", Active: true}
		if err := s.CreateAccount(ctx, u); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CreateGroup(ctx, actor, in, &store.Group{DisplayName: "  "}, nil); !errors.Is(err, account.ErrInvalid) {
			t.Fatalf("blank displayName: %v, want ErrInvalid", err)
		}
		g, err := svc.CreateGroup(ctx, actor, in, &store.Group{DisplayName: " Eng "}, []store.GroupMember{{AccountID: u.ID}, {AccountID: "x"}})
		if err != nil || g.DisplayName != "Eng" || g.MemberCount != 1 {
			t.Fatalf("create: %+v %v", g, err)
		}
		if _, err := svc.PatchMembers(ctx, actor, in.ID, g.ID, g.Version+1, nil, []string{u.ID}); !errors.Is(err, store.ErrVersionMismatch) {
			t.Fatalf("stale version: %v", err)
		}
		if _, err := svc.PatchMembers(ctx, actor, "", g.ID, 0, nil, []string{u.ID}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("admin scope reaching an integration's group: %v", err)
		}
		g, err = svc.PatchMembers(ctx, actor, in.ID, g.ID, g.Version, nil, []string{u.ID, "y"})
		if err != nil || g.MemberCount != 0 {
			t.Fatalf("remove: %+v %v", g, err)
		}
		if _, err := svc.ReplaceMembers(ctx, actor, in.ID, g.ID, 0, []store.GroupMember{{AccountID: u.ID}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.UpdateGroup(ctx, actor, in.ID, g.ID, 0, func(g *store.Group) error { g.DisplayName = "Eng2"; return nil }); err != nil {
			t.Fatal(err)
		}
		if err := svc.DeleteGroup(ctx, actor, in.ID, g.ID, 0); err != nil {
			t.Fatal(err)
		}
		evs, _, err := s.AuditEvents(ctx, store.AuditFilter{TargetType: "group", TargetID: g.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"group.deleted", "group.updated", "group.updated", "group.updated", "group.created"}
		if len(evs) != len(want) {
			t.Fatalf("%d events, want %v", len(evs), want)
		}
		for i, ev := range evs {
			if ev.Action != want[i] || ev.Actor != "integration:okta" {
				t.Fatalf("event %d: %s by %s, want %s", i, ev.Action, ev.Actor, want[i])
			}
		}
		var del map[string]any
		json.Unmarshal([]byte(evs[0].Details), &del)
		if del["displayName"] != "Eng2" || del["members"] != float64(1) {
			t.Fatalf("delete details: %s", evs[0].Details)
		}
		if _, err := s.AccountByID(ctx, u.ID); err != nil {
			t.Fatalf("account after group delete: %v", err)
		}
	})
}
