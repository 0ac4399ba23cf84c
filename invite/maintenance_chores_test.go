package invite_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// The periodic maintenance job runs the other packages' chores after its
// own work (serve wires the retirement of lapsed OAuth client secrets).
func TestMaintenanceJobRunsChores(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		var ran atomic.Int32
		e.svc.Chores = append(e.svc.Chores, func(context.Context) error { ran.Add(1); return nil })
		if err := st.Tx(e.ctx, func(tx *store.Store) error {
			_, err := e.svc.Jobs.InsertTx(e.ctx, tx.SQLTx(), invite.MaintenanceArgs{}, nil)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(15 * time.Second)
		for ran.Load() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the maintenance job ran no chore")
			}
			time.Sleep(20 * time.Millisecond) // polling with a deadline
		}
	})
}
