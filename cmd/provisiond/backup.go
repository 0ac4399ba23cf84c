package main

import (
	"context"
	"fmt"
	"io"
)

const backupUsage = `Usage: provisiond backup [--config FILE] FILE

Writes a consistent copy of the embedded SQLite database to FILE while the
server keeps running (the copy is one snapshot; FILE must not exist). To
restore, stop the server and put the copy in place of data/provisiond.db.
On PostgreSQL use pg_dump instead (docs/deploy.md).

Example:
  provisiond backup /backups/provisiond-$(date +%F).db
`

func init() {
	register("backup", command{summary: "copy the SQLite database while serving", usage: backupUsage, run: runBackup})
}

func runBackup(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("backup", backupUsage, out)
	if err := parse(fs, args, backupUsage, out); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("backup needs exactly one FILE to write")
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.store.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(out, "backup written to %s\n", fs.Arg(0))
	return nil
}
