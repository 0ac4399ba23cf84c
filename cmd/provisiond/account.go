package main

import (
	"context"
	"io"
	"strings"

	"github.com/provisiond/provisiond/account"
)

const accountUsage = `Usage:
  provisiond account create (--email E | --no-email --user-name U) [--given-name G] [--family-name F]
      [--user-name U] [--external-id X] [--user-type T] [--role R ...] [--language fr] [--message TEXT]
  provisiond account import FILE.csv|FILE.xlsx [--dry-run] [--invite now|later] [--message TEXT] [--output tsv|table|json]
  provisiond account list [--status S] [--integration N] [--q TEXT] [--limit N] [--offset N] [--output table|tsv|json]

create makes one admin-created account and invites it at once: with an
email, an invitation (mailed by 'provisiond serve'; without SMTP the claim
link is printed, once, as the last line); with --no-email, an access code
(see 'provisiond access-codes export'). --role may be repeated.

import reads a csv (, or ;) or xlsx file whose header row names, in any
case and order: Email, External ID, User name, Given name, Family name,
userType, Roles (| or , separated), Language. Each row is handled on its
own: it prints row, value, result (create, created, already_exists,
invalid), reason and invitation, then a summary line with the import id
(its report stays available at GET /api/v1/account-imports/ID). --dry-run
only reports. --invite now invites the created accounts; later (default)
leaves them not_invited for 'provisiond invite --all'. The report is a
header and one tab-separated line per row (the summary then goes to
stderr); --output table or json (docs/cli.md). A file is at most 20 MB.
On a terminal a progress bar is drawn on stderr. Exit status 4 when any
row is invalid (the valid rows are created).

list prints live accounts, oldest first, filtered by status, integration
and a substring (--q); --output tsv or json for scripts.

Examples:
  provisiond account create --email ada@example.com --given-name Ada --family-name Lovelace --role billing
  provisiond account create --no-email --user-name kiosk-1 --given-name Kiosk
  provisiond account import people.xlsx --dry-run
  provisiond account import people.csv --invite now --message "Welcome aboard"
  provisiond account list --status not_invited --output json
`

func init() {
	register("account", command{summary: "create, import (csv/xlsx) and list accounts", usage: accountUsage, run: runAccount})
}

// cliActor is who the audit log names for account commands.
var cliActor = account.Actor{Kind: "admin", Name: "cli"}

func runAccount(ctx context.Context, args []string, out io.Writer) error {
	return runSubcommand(ctx, "account", accountUsage, []subcommand{
		{"create", accountCreate}, {"import", accountImport}, {"list", accountList}}, args, out)
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
