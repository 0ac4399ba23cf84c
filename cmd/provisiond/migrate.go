package main

import (
	"context"
	"fmt"
	"io"
)

const migrateUsage = `Usage: provisiond migrate [--config FILE]

Applies pending database migrations (provisiond's and River's) and exits.
On PostgreSQL they run under an advisory lock, so it is safe while replicas start.
serve and every other command that opens the database do the same first.

Example:
  PROVISIOND_DATABASE_URL=postgres://provisiond@db/provisiond provisiond migrate
`

func init() {
	register("migrate", command{summary: "apply database migrations", usage: migrateUsage, run: runMigrate})
}

func runMigrate(ctx context.Context, args []string, out io.Writer) error {
	return withApp(ctx, "migrate", args, migrateUsage, out, func(a *app) error {
		v, err := a.store.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "database at schema version %d\n", v)
		return nil
	})
}
