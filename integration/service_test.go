package integration_test

import (
	"context"
	"errors"
	"testing"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func ptr[T any](v T) *T { return &v }

// Every refusal of the Service is a *store.InvalidError naming the field,
// on both databases, and nothing is written or audited.
func TestRefusedFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		s := &integration.Service{Store: st, Password: password.Policy{MinLength: 12}}
		okta, _, err := s.Create(ctx, "test", integration.Input{Name: ptr("okta")})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			field string
			call  func() error
		}{
			{"name", func() error { _, _, err := s.Create(ctx, "test", integration.Input{}); return err }},
			{"name", func() error { _, _, err := s.Create(ctx, "test", integration.Input{Name: ptr(" bad")}); return err }},
			{"kind", func() error {
				_, _, err := s.Create(ctx, "test", integration.Input{Name: ptr("x"), Kind: ptr("saml")})
				return err
			}},
			{"ldapConfig", func() error {
				_, _, err := s.Create(ctx, "test", integration.Input{Name: ptr("x"), Kind: ptr("ldap")})
				return err
			}},
			{"inviteDelaySeconds", func() error {
				_, err := s.Update(ctx, "test", okta.ID, integration.Input{InviteDelaySeconds: ptr(int(store.MaxInviteDelay.Seconds()) + 1)})
				return err
			}},
			{"deliveryMethod", func() error {
				_, err := s.Update(ctx, "test", okta.ID, integration.Input{DeliveryMethod: ptr("fax")})
				return err
			}},
			{"permissions", func() error {
				_, err := s.Update(ctx, "test", okta.ID, integration.Input{Permissions: ptr([]string{"accounts:nuke"})})
				return err
			}},
			{"breaker", func() error {
				_, err := s.Update(ctx, "test", okta.ID, integration.Input{Breaker: &integration.BreakerInput{Percent: ptr(0)}})
				return err
			}},
			{"kind", func() error {
				_, err := s.Update(ctx, "test", okta.ID, integration.Input{Kind: ptr("ldap")})
				return err
			}},
			{"email", func() error {
				_, err := s.CreateAdmin(ctx, "test", integration.AdminInput{Email: ptr("nobody")})
				return err
			}},
			{"role", func() error {
				_, err := s.CreateAdmin(ctx, "test", integration.AdminInput{Email: ptr("a@example.com"), Role: ptr("god")})
				return err
			}},
			{"password", func() error {
				_, err := s.CreateAdmin(ctx, "test", integration.AdminInput{Email: ptr("a@example.com"), Password: ptr("short")})
				return err
			}},
			{"redirectUris", func() error {
				_, _, err := s.CreateClient(ctx, "test", integration.ClientInput{Name: ptr("wiki"), RedirectURIs: []string{"/cb"}})
				return err
			}},
			{"name", func() error {
				_, _, err := s.CreateClient(ctx, "test", integration.ClientInput{Name: ptr(" "), RedirectURIs: []string{"https://x.example/cb"}})
				return err
			}},
		} {
			err := c.call()
			if e, ok := store.AsInvalid(err); !ok || e.Field != c.field || e.Reason == "" {
				t.Errorf("want a refusal of %s, got %v", c.field, err)
			}
		}
		if _, _, err := s.RotateToken(ctx, "test", "no-such-id"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("rotate unknown: %v", err)
		}
		ins, err := st.Integrations(ctx)
		if err != nil || len(ins) != 1 {
			t.Fatalf("integrations after refusals: %d %v", len(ins), err)
		}
		evs, _, err := st.AuditEvents(ctx, store.AuditFilter{})
		if err != nil || len(evs) != 1 || evs[0].Action != "integration.created" {
			t.Fatalf("audit after refusals: %+v %v", evs, err)
		}
	})
}
