package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/provisiond/provisiond/csvexport"
)

// Output formats of the commands that print rows (--output). table aligns
// columns for people; tsv is one header row then one tab-separated row per
// item, for scripts; json is one object {"items": [...]} (plus a command's
// summary fields) whose field names are stable and documented in
// docs/cli.md.
const (
	outputTable = "table"
	outputTSV   = "tsv"
	outputJSON  = "json"
)

// outputFlag adds --output to fs, with its default: table for lists, tsv
// for per-row reports (whose summary line then goes to stderr).
func outputFlag(fs *flag.FlagSet, def string) *string {
	return fs.String("output", def, "table, tsv or json")
}

// checkOutput refuses an unknown --output.
func checkOutput(format string) error {
	switch format {
	case outputTable, outputTSV, outputJSON:
		return nil
	}
	return usagef("--output must be table, tsv or json, not %q", format)
}

// column is one column of a printed row: its header and its cell.
type column[T any] struct {
	header string
	cell   func(T) string
}

// printRows prints items in format: header and rows (table, tsv), or the
// JSON object {"items": items} merged with summary's fields (json, where
// items are marshalled as they are: give them json tags).
func printRows[T any](out io.Writer, format string, cols []column[T], items []T, summary map[string]any) error {
	if format == outputJSON {
		doc := map[string]any{"items": items}
		if items == nil {
			doc["items"] = []T{}
		}
		for k, v := range summary {
			doc[k] = v
		}
		return writeJSON(out, doc)
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.header
	}
	// Buffered: a write per cell (tabwriter) or per row cost a system call
	// each, a quarter of a 100,000-row account import.
	bw := bufio.NewWriter(out)
	var w io.Writer = bw
	flush := bw.Flush
	if format == outputTable {
		tw := newTable(bw, strings.Join(headers, "\t"))
		w, flush = tw, func() error { return errors.Join(tw.Flush(), bw.Flush()) }
	} else {
		fmt.Fprintln(bw, strings.Join(headers, "\t"))
	}
	cells := make([]string, len(cols))
	for _, it := range items {
		for i, c := range cols {
			if cells[i] = tsvCell(c.cell(it)); cells[i] == "" && format == outputTable {
				cells[i] = "-"
			}
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
	return flush()
}

// tsvCell keeps a cell on its line and in its column: tabs and line breaks
// (from a spreadsheet, a display name) become spaces, and a cell a
// spreadsheet would read as a formula is neutralised (csvexport.Safe).
func tsvCell(s string) string {
	return csvexport.Safe(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s))
}

// writeJSON writes v as indented JSON.
func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// errOut is where a list's notes go ("3 of 40 shown"): below a table, or
// on stderr when stdout must stay one TSV document.
func errOut(format string, out io.Writer) io.Writer {
	if format == outputTSV {
		return os.Stderr
	}
	return out
}

// openWithOutput parses the flags of a command whose only flags are
// --config and --output (default def), checks the format and opens the
// app; the caller closes it.
func openWithOutput(ctx context.Context, name, usageText, def string, args []string, out io.Writer) (*app, string, error) {
	fs, cfg := newFlags(name, usageText, out)
	format := outputFlag(fs, def)
	if err := parse(fs, args, usageText, out); err != nil {
		return nil, "", err
	}
	if err := checkOutput(*format); err != nil {
		return nil, "", err
	}
	a, err := openApp(ctx, *cfg)
	return a, *format, err
}

// listRows runs such a command for a list: it reads the rows and prints them.
func listRows[R any](ctx context.Context, name, usageText string, args []string, out io.Writer,
	cols []column[R], read func(a *app) ([]R, error)) error {
	a, format, err := openWithOutput(ctx, name, usageText, outputTable, args, out)
	if err != nil {
		return err
	}
	defer a.Close()
	rows, err := read(a)
	if err != nil {
		return err
	}
	return printRows(out, format, cols, rows, nil)
}
