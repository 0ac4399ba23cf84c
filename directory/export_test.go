package directory

// SetTxUsers sets how many directory users share one SQLite transaction
// until the test ends.
func SetTxUsers(t interface{ Cleanup(func()) }, n int) {
	old := txUsers
	txUsers = n
	t.Cleanup(func() { txUsers = old })
}
