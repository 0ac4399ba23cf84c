package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for creating databases

	"github.com/provisiond/provisiond/store"
)

// PostgresEnv names the variable holding an admin URL of a PostgreSQL server.
const PostgresEnv = "PROVISIOND_TEST_POSTGRES_URL"

// RequireEnv names the variable that turns skips for missing services into failures.
const RequireEnv = "PROVISIOND_TEST_REQUIRE_SERVICES"

// SkipOrFail skips the test because a service is missing, or fails it when
// RequireEnv is set.
func SkipOrFail(t testing.TB, envVar, what string) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s is required (%s=1) but %s is not set", what, RequireEnv, envVar)
	}
	t.Skipf("%s not available: set %s to run this test", what, envVar)
}

// Dialects returns the dialects to run a suite on: SQLite always, PostgreSQL
// when configured (or a failure when required and missing).
func Dialects(t testing.TB) []store.Dialect {
	t.Helper()
	ds := []store.Dialect{store.SQLite}
	if os.Getenv(PostgresEnv) != "" {
		ds = append(ds, store.Postgres)
	} else if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("PostgreSQL is required (%s=1) but %s is not set", RequireEnv, PostgresEnv)
	}
	return ds
}

// Each runs fn as a subtest on a fresh migrated store of every dialect.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// Open returns a migrated store on a fresh database, closed at cleanup.
func Open(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	return OpenURL(t, URL(t, d))
}

// OpenURL opens and migrates the database at u (from URL), closed at
// cleanup: opened a second time, it stands for a restarted process.
func OpenURL(t testing.TB, u string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", s.Dialect(), err)
	}
	return s
}

// URL returns the URL of a fresh, empty database of dialect d, dropped at cleanup.
func URL(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		SkipOrFail(t, PostgresEnv, "PostgreSQL")
	}
	u, drop, err := CreatePostgresDatabase(admin)
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(drop)
	return u
}

// CreatePostgresDatabase creates a fresh database on the server of admin (an
// admin URL such as PROVISIOND_TEST_POSTGRES_URL) and returns its URL and a
// func that drops it. The bench command uses it outside any test.
func CreatePostgresDatabase(admin string) (string, func(), error) {
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, fmt.Errorf("postgres admin URL: %w", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "pvdtest_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", nil, fmt.Errorf("postgres admin: %w", err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	drop := func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}
