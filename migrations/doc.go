// Package migrations embeds the versioned SQL schema, one folder per dialect
// (postgres/ and sqlite/). Both folders carry the same version numbers so that
// a database of either kind at version N has the same tables; a test in store
// checks they stay in step. Migrations are applied by store.Migrate, never by hand.
//
// Version numbers are allocated per feature; a new file takes the next free
// number in BOTH folders at once.
package migrations
