package store_test

import (
	"context"
	"io/fs"
	"sort"
	"sync"
	"testing"

	"github.com/provisiond/provisiond/migrations"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestMigrationFoldersInStep(t *testing.T) {
	list := func(fsys fs.FS, dir string) []string {
		ents, err := fs.ReadDir(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		sort.Strings(names)
		return names
	}
	pg, lite := list(migrations.Postgres, "postgres"), list(migrations.SQLite, "sqlite")
	if len(pg) != len(lite) {
		t.Fatalf("postgres has %d migrations, sqlite %d: %v vs %v", len(pg), len(lite), pg, lite)
	}
	for i := range pg {
		if pg[i] != lite[i] {
			t.Errorf("migration %d: postgres %q, sqlite %q (same version and name expected)", i, pg[i], lite[i])
		}
	}
}

func TestMigrateIsIdempotentAndReportsVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		got, err := s.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := s.LatestSchemaVersion()
		if got != want || got == 0 {
			t.Fatalf("schema version %d, want %d", got, want)
		}
	})
}

// Four replicas starting at once on an empty database must not race.
func TestConcurrentMigratorsOnPostgres(t *testing.T) {
	migrateConcurrently(t, storetest.URL(t, store.Postgres), 4)
}

// migrateConcurrently opens the database at url n times at once, as n
// replicas starting together, and migrates each: none may fail.
func migrateConcurrently(t *testing.T, url string, n int) {
	t.Helper()
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := store.Open(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			errs <- s.Migrate(ctx)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("migrator: %v", err)
		}
	}
}
