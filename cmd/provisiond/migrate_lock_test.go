package main

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

// A one-shot command on a database already migrated takes no migration
// lock: it runs while another session (a replica migrating, an operator)
// holds it. On a database that is behind it would wait (store's
// TestMigrateBehindWaitsForTheLock).
func TestOneShotRunsWhileTheMigrationLockIsHeld(t *testing.T) {
	_, url, env := cliEnv(t, store.Postgres)
	if code, _, errOut := cli(t, env, "integration", "list"); code != 0 {
		t.Fatalf("first run (migrates): %d %s", code, errOut)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_lock($1)", store.MigrationLockID); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", store.MigrationLockID) //nolint:errcheck
	done := make(chan int, 1)
	go func() {
		code, _, _ := cli(t, env, "integration", "list")
		done <- code
	}()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("integration list while the lock is held: exit %d", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("integration list waited for the migration lock on a current database")
	}
}
