package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func init() {
	register("version", command{
		summary: "print the version",
		usage:   "Usage: provisiond version\n\nPrints the version, the commit and the Go version.\n\nExample:\n  provisiond version\n",
		run: func(ctx context.Context, args []string, out io.Writer) error {
			fs, _ := newFlags("version", "", out)
			if err := parse(fs, args, "Usage: provisiond version\n\nExample:\n  provisiond version\n", out); err != nil {
				return err
			}
			commit := "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, s := range bi.Settings {
					if s.Key == "vcs.revision" {
						commit = s.Value
					}
				}
			}
			fmt.Fprintf(out, "provisiond %s (commit %s, %s)\n", version, commit, runtime.Version())
			return nil
		},
	})
}
