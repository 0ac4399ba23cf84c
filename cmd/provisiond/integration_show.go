package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
)

// integrationRow is an integration as list and show print it; --output
// json uses these field names (docs/cli.md), the admin API's. No secret:
// the token's display prefix only.
type integrationRow struct {
	ID                 string    `json:"id"`
	Name               string    `json:"name"`
	Kind               string    `json:"kind"`
	AutoInvite         bool      `json:"autoInvite"`
	InviteDelaySeconds int       `json:"inviteDelaySeconds"`
	RequireApproval    bool      `json:"requireApproval"`
	DeliveryMethod     string    `json:"deliveryMethod"`
	Permissions        []string  `json:"permissions"`
	Disabled           bool      `json:"disabled"`
	TokenPrefix        string    `json:"tokenPrefix,omitempty"`
	SCIMURL            string    `json:"scimUrl,omitempty"` // scim kind: from the server's base URL
	CreatedAt          time.Time `json:"createdAt"`
	UpdatedAt          time.Time `json:"updatedAt"`
}

func toIntegrationRow(a *app, in *store.Integration) integrationRow {
	r := integrationRow{ID: in.ID, Name: in.Name, Kind: in.Kind, AutoInvite: in.AutoInvite, InviteDelaySeconds: in.InviteDelaySeconds,
		RequireApproval: in.RequireApproval, DeliveryMethod: in.DeliveryMethod, Permissions: strings.Fields(in.Permissions),
		Disabled: in.Disabled, TokenPrefix: in.TokenPrefix, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt}
	if in.Kind == "scim" {
		r.SCIMURL = a.cfg.BaseURL + "/scim/v2"
	}
	return r
}

var integrationColumns = []column[integrationRow]{
	{"NAME", func(r integrationRow) string { return r.Name }},
	{"KIND", func(r integrationRow) string { return r.Kind }},
	{"AUTO-INVITE", func(r integrationRow) string { return fmt.Sprint(r.AutoInvite) }},
	{"TOKEN", func(r integrationRow) string {
		if r.TokenPrefix == "" {
			return ""
		}
		return r.TokenPrefix + "..."
	}},
	{"CREATED", func(r integrationRow) string { return r.CreatedAt.Format("2006-01-02 15:04") }},
}

func integrationList(ctx context.Context, args []string, out io.Writer) error {
	return listRows(ctx, "integration list", integrationUsage, args, out, integrationColumns, func(a *app) ([]integrationRow, error) {
		ins, err := a.store.Integrations(ctx)
		rows := make([]integrationRow, len(ins))
		for i := range ins {
			rows[i] = toIntegrationRow(a, &ins[i])
		}
		return rows, err
	})
}

// integrationByArg resolves the integration a verb names (name or id).
func integrationByArg(ctx context.Context, a *app, ref string) (*store.Integration, error) {
	in, err := a.store.IntegrationByRef(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("no integration %q", ref)
	}
	return in, err
}

func integrationShow(ctx context.Context, args []string, out io.Writer) error {
	ref, args, err := verbArg("integration show", "name or id", args)
	if err != nil {
		return err
	}
	a, format, err := openWithOutput(ctx, "integration show", integrationUsage, outputTable, args, out)
	if err != nil {
		return err
	}
	defer a.Close()
	in, err := integrationByArg(ctx, a, ref)
	if err != nil {
		return err
	}
	r := toIntegrationRow(a, in)
	if format == outputJSON {
		return writeJSON(out, r)
	}
	tw := newTable(out, "FIELD\tVALUE")
	for _, kv := range [][2]string{{"id", r.ID}, {"name", r.Name}, {"kind", r.Kind}, {"autoInvite", fmt.Sprint(r.AutoInvite)},
		{"inviteDelaySeconds", fmt.Sprint(r.InviteDelaySeconds)}, {"requireApproval", fmt.Sprint(r.RequireApproval)},
		{"deliveryMethod", r.DeliveryMethod}, {"permissions", strings.Join(r.Permissions, ",")}, {"disabled", fmt.Sprint(r.Disabled)},
		{"tokenPrefix", r.TokenPrefix}, {"scimUrl", r.SCIMURL}, {"createdAt", r.CreatedAt.Format(time.RFC3339)},
		{"updatedAt", r.UpdatedAt.Format(time.RFC3339)}} {
		fmt.Fprintf(tw, "%s\t%s\n", kv[0], tsvCell(kv[1]))
	}
	return tw.Flush()
}

func integrationDelete(ctx context.Context, args []string, out io.Writer) error {
	return withVerbApp(ctx, "integration delete", "name or id", integrationUsage, args, out, func(a *app, ref string) error {
		in, err := integrationByArg(ctx, a, ref)
		if err != nil {
			return err
		}
		if err := a.integrations.Delete(ctx, "cli", in.ID); err != nil {
			return err
		}
		fmt.Fprintf(out, "deleted integration %q (id %s); its token no longer works, its accounts remain without a source\n", in.Name, in.ID)
		return nil
	})
}

// withVerbApp runs do with the positional argument of a verb whose only
// flag is --config (verbArg) and the app, closed after.
func withVerbApp(ctx context.Context, verb, what, usageText string, args []string, out io.Writer, do func(a *app, arg string) error) error {
	arg, args, err := verbArg(verb, what, args)
	if err != nil {
		return err
	}
	return withApp(ctx, verb, args, usageText, out, func(a *app) error { return do(a, arg) })
}

// verbArg takes the positional argument a verb needs first (an id, a
// name) off args.
func verbArg(verb, what string, args []string) (string, []string, error) {
	if len(args) == 0 || args[0] == "" || strings.HasPrefix(args[0], "-") {
		return "", nil, usagef("%s needs the %s first", verb, what)
	}
	return args[0], args[1:], nil
}
