package invite

import (
	"context"
	"errors"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// FailAccountImportBatches makes every account import batch fail once it
// has written its rows, until t ends: each chunk's savepoint is then rolled
// back and its rows created one by one.
func FailAccountImportBatches(t testing.TB) {
	t.Helper()
	was := createManyIn
	createManyIn = func(svc *account.Service, ctx context.Context, tx *store.Store, batch []*account.NewAccount, opts account.CreateOptions) ([]*account.NewAccount, error) {
		if _, err := was(svc, ctx, tx, batch, opts); err != nil {
			return nil, err
		}
		return nil, errors.New("test: batch failed after writing")
	}
	t.Cleanup(func() { createManyIn = was })
}

// WaitForRoom is the fan-out's wait for the delivery backlog to shrink.
var WaitForRoom = jobs.WaitForRoom
