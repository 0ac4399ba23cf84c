package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/webhook"
)

const webhookUsage = `Usage:
  provisiond webhook create --url URL [--events E,E,...] [--description TEXT] [--disabled]
  provisiond webhook list [--output table|tsv|json]
  provisiond webhook delete ID

Webhook endpoints receive signed lifecycle events (docs/webhooks.md). create
prints the endpoint's signing secret as the last line of stdout, once.
--events takes event types (account.created, account.invited, ...) or "*"
for all (default). The URL must reach a public address unless the network
is in webhookAllowedNetworks (PROVISIOND_WEBHOOK_ALLOWED_NETWORKS); it is
checked again at every delivery. delete removes an endpoint and its
pending deliveries. Every change is audited.

Examples:
  provisiond webhook create --url https://app.example.com/hooks/provisiond --events account.created,account.claimed
  provisiond webhook list --output json
  provisiond webhook delete 0192f7e4-...
`

func init() {
	register("webhook", command{summary: "create, list and delete webhook endpoints", usage: webhookUsage, run: runWebhook})
}

func runWebhook(ctx context.Context, args []string, out io.Writer) error {
	return runSubcommand(ctx, "webhook", webhookUsage, []subcommand{
		{"create", webhookCreate}, {"list", webhookList}, {"delete", webhookDelete}}, args, out)
}

// endpoints is the webhook service with this shell's egress policy (the
// operator's webhookAllowedNetworks).
func endpoints(a *app) webhook.Endpoints {
	allow, _ := egress.ParseNetworks(a.cfg.WebhookAllowedNetworks)
	return webhook.Endpoints{Store: a.store, Keys: a.keys, Egress: egress.Policy{Allow: allow}}
}

func webhookCreate(ctx context.Context, args []string, out io.Writer) error {
	fs, cfg := newFlags("webhook create", webhookUsage, out)
	url := fs.String("url", "", "https URL the events are POSTed to")
	events := fs.String("events", "*", `comma-separated event types, or "*"`)
	desc := fs.String("description", "", "what the endpoint is for")
	disabled := fs.Bool("disabled", false, "create it disabled")
	if err := parse(fs, args, webhookUsage, out); err != nil {
		return err
	}
	if *url == "" {
		return usagef("--url is required")
	}
	var evs []string
	for _, e := range strings.Split(*events, ",") {
		if e = strings.TrimSpace(e); e != "" {
			evs = append(evs, e)
		}
	}
	if evs == nil {
		evs = []string{} // refused by the service: "must name at least one event"
	}
	a, err := openApp(ctx, *cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	e, sec, err := endpoints(a).Create(ctx, "cli", webhook.EndpointInput{URL: url, Events: evs, Description: desc, Disabled: disabled})
	if errors.Is(err, webhook.ErrInvalid) {
		return refused(err, map[string]string{"url": "--url", "events": "--events"})
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created webhook %s for %s (events %s)\n", e.ID, e.URL, strings.ReplaceAll(e.Events, " ", ","))
	fmt.Fprintln(out, "signing secret (shown once; the application verifies the signature with it):")
	fmt.Fprintln(out, sec)
	return nil
}

// webhookRow is an endpoint as list prints it; --output json uses these
// field names (docs/cli.md), the admin API's. Never the secret.
type webhookRow struct {
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	Events      []string  `json:"events"`
	Description string    `json:"description"`
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"createdAt"`
}

var webhookColumns = []column[webhookRow]{
	{"ID", func(r webhookRow) string { return r.ID }},
	{"URL", func(r webhookRow) string { return r.URL }},
	{"EVENTS", func(r webhookRow) string { return strings.Join(r.Events, ",") }},
	{"DISABLED", func(r webhookRow) string { return fmt.Sprint(r.Disabled) }},
	{"DESCRIPTION", func(r webhookRow) string { return r.Description }},
}

func webhookList(ctx context.Context, args []string, out io.Writer) error {
	return listRows(ctx, "webhook list", webhookUsage, args, out, webhookColumns, func(a *app) ([]webhookRow, error) {
		es, err := a.store.WebhookEndpoints(ctx)
		rows := make([]webhookRow, len(es))
		for i, e := range es {
			rows[i] = webhookRow{ID: e.ID, URL: e.URL, Events: strings.Fields(e.Events), Description: e.Description,
				Disabled: e.Disabled, CreatedAt: e.CreatedAt}
		}
		return rows, err
	})
}

func webhookDelete(ctx context.Context, args []string, out io.Writer) error {
	return withVerbApp(ctx, "webhook delete", "endpoint id", webhookUsage, args, out, func(a *app, id string) error {
		err := endpoints(a).Delete(ctx, "cli", id)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no webhook endpoint %q", id)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "deleted webhook %s\n", id)
		return nil
	})
}
