package store_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// behindVersion is a migration below the highest one: rolled back, the
// database is behind by one version, out of order.
const behindVersion = 22

func TestMigrateAppliesAnOutOfOrderVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if !s.MigrationsCurrent(ctx) {
			t.Fatal("a freshly migrated database is not current")
		}
		if err := s.RollBackMigration(ctx, behindVersion); err != nil {
			t.Fatal(err)
		}
		top, _ := s.SchemaVersion(ctx)
		if latest, _ := s.LatestSchemaVersion(); top != latest || top <= behindVersion {
			t.Fatalf("max version %d after the rollback, want %d (above %d): the test must leave a hole", top, latest, behindVersion)
		}
		if s.MigrationsCurrent(ctx) {
			t.Fatal("a database missing a version below the highest counts as current")
		}
		migrateToCurrent(t, s)
		if _, err := s.RecordedServerSettings(ctx); err != nil && err != store.ErrNotFound {
			t.Fatalf("version %d's table is not back: %v", behindVersion, err)
		}
	})
}

// A River migration missing counts as behind too.
func TestMigrateAppliesAMissingRiverVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.RollBackRiver(ctx); err != nil {
			t.Fatal(err)
		}
		if s.MigrationsCurrent(ctx) {
			t.Fatal("a database missing River's latest version counts as current")
		}
		migrateToCurrent(t, s)
	})
}

// holdMigrationLock takes Migrate's advisory lock in another session of
// url and returns its release.
func holdMigrationLock(t *testing.T, url string) (release func()) {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_lock($1)", store.MigrationLockID); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", store.MigrationLockID) //nolint:errcheck
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// A current database takes no lock: a one-shot command starts while
// another session holds the migration lock.
func TestMigrateCurrentTakesNoLock(t *testing.T) {
	url := storetest.URL(t, store.Postgres)
	ctx := context.Background()
	s := storetest.OpenURL(t, url) // migrated
	holdMigrationLock(t, url)
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.Migrate(short); err != nil {
		t.Fatalf("Migrate on a current database while the lock is held: %v", err)
	}
}

// A behind database still waits for the lock: Migrate returns only once
// the other session releases it, then applies the missing version.
func TestMigrateBehindWaitsForTheLock(t *testing.T) {
	url := storetest.URL(t, store.Postgres)
	ctx := context.Background()
	s := storetest.OpenURL(t, url)
	if err := s.RollBackMigration(ctx, behindVersion); err != nil {
		t.Fatal(err)
	}
	release := holdMigrationLock(t, url)
	done := make(chan error, 1)
	go func() { done <- s.Migrate(ctx) }()
	select {
	case err := <-done:
		t.Fatalf("Migrate of a behind database returned while the lock was held: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
	release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Migrate did not finish after the lock was released")
	}
	if !s.MigrationsCurrent(ctx) {
		t.Fatal("not current after Migrate")
	}
}

// Replicas starting together on a behind database still serialize: each
// applies the missing version or finds it applied, none fails.
func TestConcurrentMigratorsOnABehindPostgres(t *testing.T) {
	url := storetest.URL(t, store.Postgres)
	if err := storetest.OpenURL(t, url).RollBackMigration(context.Background(), behindVersion); err != nil {
		t.Fatal(err)
	}
	migrateConcurrently(t, url, 4)
}

// migrateToCurrent migrates s, which must then be current.
func migrateToCurrent(t *testing.T, s *store.Store) {
	t.Helper()
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !s.MigrationsCurrent(context.Background()) {
		t.Fatal("not current after Migrate")
	}
}
