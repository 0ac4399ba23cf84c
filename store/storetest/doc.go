// Package storetest opens migrated stores for tests: a fresh SQLite file
// always, and a fresh PostgreSQL database when PROVISIOND_TEST_POSTGRES_URL
// is set. With PROVISIOND_TEST_REQUIRE_SERVICES=1 a missing service fails the
// test instead of skipping it (CI sets it).
package storetest
