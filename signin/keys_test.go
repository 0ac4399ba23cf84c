package signin_test

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestSigningKeysStoredSealedAndRotated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st, nil)
		kids := func() []string {
			resp, err := http.Get(e.p.Issuer() + "/keys")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var set struct {
				Keys []struct {
					Kid, Alg, Use string
					D             string `json:"d"`
				} `json:"keys"`
			}
			json.NewDecoder(resp.Body).Decode(&set)
			var out []string
			for _, k := range set.Keys {
				if k.D != "" || k.Alg != "RS256" || k.Use != "sig" {
					t.Fatalf("published key %+v", k)
				}
				out = append(out, k.Kid)
			}
			return out
		}
		if got := kids(); len(got) != 1 {
			t.Fatalf("keys: %v", got)
		}
		if err := e.p.RotateKeys(ctx); err != nil {
			t.Fatal(err)
		}
		got := kids()
		rows, err := st.SigningKeys(ctx, store.Now())
		if err != nil || len(got) != 2 || len(rows) != 2 || got[0] != rows[0].ID {
			t.Fatalf("after rotation: published %v, stored %d (%v)", got, len(rows), err)
		}
		for _, r := range rows {
			if _, err := x509.ParsePKCS8PrivateKey(r.PrivateKeySealed); err == nil {
				t.Error("a private key is stored in clear")
			}
			if !r.ExpiresAt.After(store.Now().Add(30 * 24 * time.Hour)) {
				t.Errorf("key %s published only until %v", r.ID, r.ExpiresAt)
			}
		}
	})
}
