package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/provisiond/provisiond/auditexport"
	"github.com/provisiond/provisiond/store"
)

const auditUsage = `Usage:
  provisiond audit export [--format csv|jsonl] [--integration N] [--action A] [--actor X]
                          [--since T] [--until T]

Writes the audit log to stdout, oldest first, as CSV (a header row; no cell
is ever a spreadsheet formula) or JSON Lines (the default: one event a line,
as the admin API shows it). --integration keeps what that integration (name
or id) did and what was done to it; --since and --until take an RFC 3339 time
or a date (YYYY-MM-DD, midnight UTC; --until is exclusive). Any number of
events streams in bounded memory.

Examples:
  provisiond audit export --format csv --since 2026-01-01 > audit-2026.csv
  provisiond audit export --integration okta --action account.deleted
`

func init() {
	register("audit", command{summary: "export the audit log (csv, jsonl)", usage: auditUsage, run: runAudit})
}

func runAudit(ctx context.Context, args []string, out io.Writer) error {
	switch {
	case len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help"):
		fmt.Fprint(out, auditUsage)
		return nil
	case len(args) == 0 || args[0] != "export":
		return usagef("which audit command? export")
	}
	fs, cfg := newFlags("audit export", auditUsage, out)
	format := fs.String("format", "jsonl", "csv or jsonl")
	integration := fs.String("integration", "", "only what this integration (name or id) did or had done to it")
	action := fs.String("action", "", "only this action, e.g. account.deleted")
	actor := fs.String("actor", "", "only this actor, e.g. admin:ada@example.com")
	since := fs.String("since", "", "from this time or date (inclusive)")
	until := fs.String("until", "", "until this time or date (exclusive)")
	if err := parse(fs, args[1:], auditUsage, out); err != nil {
		return err
	}
	exp := store.AuditExport{AuditFilter: store.AuditFilter{Action: *action, Actor: *actor}}
	for name, v := range map[string]struct {
		in  string
		out *time.Time
	}{"--since": {*since, &exp.Since}, "--until": {*until, &exp.Until}} {
		if v.in == "" {
			continue
		}
		t, err := auditexport.ParseTime(v.in)
		if err != nil {
			return usagef("%s takes an RFC 3339 time or a date (YYYY-MM-DD), not %q", name, v.in)
		}
		*v.out = t
	}
	if _, ok := auditexport.Formats[*format]; !ok {
		return usagef("--format takes csv or jsonl, not %q", *format)
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if *integration != "" {
		if exp.Integration, err = integrationByArg(ctx, a, *integration); err != nil {
			return err
		}
	}
	w, err := auditexport.New(out, *format)
	if err != nil {
		return err
	}
	if err := a.store.ExportAudit(ctx, exp, w.Event); err != nil {
		return err
	}
	return w.Close()
}
