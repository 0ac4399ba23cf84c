package directory

import (
	"context"
	"log/slog"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/store"
)

// newTarget stores in and returns its directory target, over an account
// service that logs nothing and allows every source.
func newTarget(t *testing.T, st *store.Store, in *store.Integration) *Target {
	t.Helper()
	if err := st.CreateIntegration(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return New(account.New(st, nil, slog.New(slog.DiscardHandler)), nil, AllowList{}).Target(in)
}
