package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/provisiond/provisiond/store"
)

// A data directory whose name holds '#', '?', '%' or a space is a path
// like any other: the database is created there, and nowhere else.
func TestSQLitePathWithURICharacters(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "odd #1?x=y%20 name")
	path := filepath.Join(dir, "provisiond.db")
	s, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateIntegration(ctx, &store.Integration{Name: "okta", Kind: "scim"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("the database is not at %q: %v", path, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "provisiond.db" && e.Name() != "provisiond.db-wal" && e.Name() != "provisiond.db-shm" {
			t.Errorf("unexpected file beside the database: %q", e.Name())
		}
	}
	s, err = store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Integrations(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("reopened: %v %d integrations", err, len(list))
	}
}
