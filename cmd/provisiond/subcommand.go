package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// subcommand is one verb of a command with verbs (`account create`).
type subcommand struct {
	name string
	run  func(ctx context.Context, args []string, out io.Writer) error
}

// runSubcommand runs the subcommand of group that args[0] names with the
// rest of args; -h, --help and help print usageText. Without a verb, or
// with an unknown one, it answers a usage error naming the verbs in order.
func runSubcommand(ctx context.Context, group, usageText string, subs []subcommand, args []string, out io.Writer) error {
	if len(args) == 0 {
		names := make([]string, len(subs))
		for i, s := range subs {
			names[i] = s.name
		}
		choices := names[0]
		if last := len(names) - 1; last > 0 {
			choices = strings.Join(names[:last], ", ") + " or " + names[last]
		}
		return usagef("which %s command? %s", group, choices)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(out, usageText)
		return nil
	}
	for _, s := range subs {
		if s.name == args[0] {
			return s.run(ctx, args[1:], out)
		}
	}
	return usagef("unknown %s command %q", group, args[0])
}
