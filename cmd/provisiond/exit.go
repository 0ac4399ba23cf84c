package main

import "fmt"

// Exit statuses (README "Exit codes"): 0 success, 1 failure, 2 usage error,
// 3 ldap-sync safety stop, 4 some rows of a per-row report failed.
const exitRowsFailed = 4

// rowsFailedError ends a command whose per-row report (invite --file,
// --emails, --account; account import) has rows that failed (invalid,
// not_found): the report was printed, the good rows were applied, and the
// exit status tells a script that some were not.
type rowsFailedError struct{ failed, total int }

func (e rowsFailedError) Error() string {
	return fmt.Sprintf("%d of %d rows failed (see the report)", e.failed, e.total)
}

// ExitCode is exitRowsFailed.
func (rowsFailedError) ExitCode() int { return exitRowsFailed }

// failedRows returns a rowsFailedError when failed(item) holds for any of
// items, else nil.
func failedRows[T any](items []T, failed func(T) bool) error {
	n := 0
	for _, it := range items {
		if failed(it) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return rowsFailedError{n, len(items)}
}
