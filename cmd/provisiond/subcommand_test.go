package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// TestRunSubcommand pins the verbs' dispatch and the usage errors the
// commands with verbs answered before they shared runSubcommand.
func TestRunSubcommand(t *testing.T) {
	var ran []string
	verb := func(name string) subcommand {
		return subcommand{name, func(_ context.Context, args []string, _ io.Writer) error {
			ran = append(ran, name+":"+strings.Join(args, ","))
			return nil
		}}
	}
	subs := []subcommand{verb("list"), verb("resend"), verb("preview")}
	cases := map[string]struct {
		args    []string
		wantErr string
		wantRan string
		wantOut string
	}{
		"no verb":      {nil, "which invitation command? list, resend or preview", "", ""},
		"unknown verb": {[]string{"send"}, `unknown invitation command "send"`, "", ""},
		"verb":         {[]string{"resend", "x", "--y"}, "", "resend:x,--y", ""},
		"help":         {[]string{"--help"}, "", "", "USAGE"},
		"help word":    {[]string{"help"}, "", "", "USAGE"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			ran = nil
			var out bytes.Buffer
			err := runSubcommand(context.Background(), "invitation", "USAGE", subs, c.args, &out)
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || err.Error() != c.wantErr) {
				t.Fatalf("err = %v, want %q", err, c.wantErr)
			}
			if got := strings.Join(ran, ";"); got != c.wantRan {
				t.Errorf("ran %q, want %q", got, c.wantRan)
			}
			if out.String() != c.wantOut {
				t.Errorf("out %q, want %q", out.String(), c.wantOut)
			}
		})
	}
	one := runSubcommand(context.Background(), "audit", "USAGE", subs[:1], nil, io.Discard)
	if one == nil || one.Error() != "which audit command? list" {
		t.Errorf("one verb: %v", one)
	}
}
