package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
)

// newTable starts a table the list commands print: columns aligned by
// tabs, header (tab-separated) first; the caller writes rows and flushes.
func newTable(out io.Writer, header string) *tabwriter.Writer {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, header)
	return tw
}

// listTable runs a list command whose only flag is --config (withApp): it
// prints a table of header and a row for each item read returns.
func listTable[T any](ctx context.Context, name string, args []string, usageText string, out io.Writer,
	header string, read func(a *app) ([]T, error), row func(tw io.Writer, item T)) error {
	return withApp(ctx, name, args, usageText, out, func(a *app) error {
		items, err := read(a)
		if err != nil {
			return err
		}
		tw := newTable(out, header)
		for _, item := range items {
			row(tw, item)
		}
		return tw.Flush()
	})
}
