package directory

import "time"

// SetTxUsers sets how many directory users share one transaction until the
// test ends, and lifts the time budget, so that the batches a test expects do
// not depend on the machine's load.
func SetTxUsers(t interface{ Cleanup(func()) }, n int) {
	old, oldBudget := txUsers, txBudget
	txUsers, txBudget = n, time.Hour
	t.Cleanup(func() { txUsers, txBudget = old, oldBudget })
}
