package jobs

import (
	"context"
	"fmt"
	"sync"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/store"
)

// InsertManyTx inserts jobs in tx's transaction through an insert-only
// River client. Such a client holds no connection of its own (InsertTx
// uses the transaction), so one per database is cached rather than
// threaded through every caller that records a change and its job.
func InsertManyTx(ctx context.Context, tx *store.Store, params []river.InsertManyParams) error {
	return insertMany(ctx, tx, params, false)
}

// InsertManyFastTx is InsertManyTx for a fan-out's thousand jobs: River's
// fast path, which returns nothing of the rows it inserted.
func InsertManyFastTx(ctx context.Context, tx *store.Store, params []river.InsertManyParams) error {
	return insertMany(ctx, tx, params, true)
}

func insertMany(ctx context.Context, tx *store.Store, params []river.InsertManyParams, fast bool) error {
	c, err := inserter(tx)
	if err != nil {
		return err
	}
	if fast {
		_, err = c.InsertManyFastTx(ctx, tx.SQLTx(), params)
	} else {
		_, err = c.InsertManyTx(ctx, tx.SQLTx(), params)
	}
	if err != nil {
		return fmt.Errorf("jobs: insert: %w", err)
	}
	return nil
}

var inserters sync.Map // *sql.DB -> *Client

func inserter(st *store.Store) (*Client, error) {
	if c, ok := inserters.Load(st.DB()); ok {
		return c.(*Client), nil
	}
	c, err := New(st, Config{})
	if err != nil {
		return nil, err
	}
	v, _ := inserters.LoadOrStore(st.DB(), c)
	return v.(*Client), nil
}
