package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand: its summary, usage text and entry point.
type command struct {
	summary string
	usage   string
	run     func(ctx context.Context, args []string, out io.Writer) error
}

var commands = map[string]command{}

func register(name string, c command) { commands[name] = c }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fmt.Fprint(stdout, c.usage)
				return 0
			}
		}
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "provisiond: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	stopProfile := startProfile(strings.ReplaceAll(args[0], "/", "_"))
	err := c.run(ctx, args[1:], stdout)
	stopProfile()
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "provisiond %s: %v\n\n%s", args[0], err, c.usage)
		return 2
	}
	fmt.Fprintf(stderr, "provisiond %s: %v\n", args[0], err)
	var ec exitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprint(w, "provisiond: SCIM 2.0 provisioning server with automatic invitation\n\nUsage: provisiond COMMAND [flags]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\nEvery command takes --config FILE; settings also come from PROVISIOND_* variables.\nRun 'provisiond COMMAND --help' for a command's flags and an example.\n")
}

// usageError is a mistake in the command line: the usage is printed after it.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitCoder lets a command choose its exit status (ldap-sync safety stops).
type exitCoder interface{ ExitCode() int }

// newFlags returns a FlagSet whose -h prints the command's usage (with its
// example) to stdout, and the --config flag every command takes.
func newFlags(name, usageText string, out io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	cfg := fs.String("config", "", "YAML configuration file")
	return fs, cfg
}

// parse parses args, printing usage on -h and turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string, usageText string, out io.Writer) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(out, usageText)
			return flag.ErrHelp
		}
		return usagef("%s", strings.TrimPrefix(err.Error(), "flag provided but not defined: "))
	}
	return nil
}

// parseAndOpen parses a command's flags (as parse does) and opens the app
// its --config names; the caller closes the app.
func parseAndOpen(ctx context.Context, fs *flag.FlagSet, cfg *string, args []string, usageText string, out io.Writer) (*app, error) {
	if err := parse(fs, args, usageText, out); err != nil {
		return nil, err
	}
	return openApp(ctx, *cfg)
}

// openPlain is parseAndOpen for a command whose only flag is --config.
func openPlain(ctx context.Context, name string, args []string, usageText string, out io.Writer) (*app, error) {
	fs, cfg := newFlags(name, usageText, out)
	return parseAndOpen(ctx, fs, cfg, args, usageText, out)
}

// withApp runs do with the app of a command whose only flag is --config
// (openPlain) and closes the app after.
func withApp(ctx context.Context, name string, args []string, usageText string, out io.Writer, do func(a *app) error) error {
	a, err := openPlain(ctx, name, args, usageText, out)
	if err != nil {
		return err
	}
	defer a.Close()
	return do(a)
}
