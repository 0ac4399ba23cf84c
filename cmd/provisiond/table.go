package main

import (
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
