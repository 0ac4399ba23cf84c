package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/web"
)

const serveUsage = `Usage: provisiond serve [--config FILE]

Runs the HTTP server: SCIM at /scim/v2, the admin API at /api/v1, health at
/healthz and /readyz, metrics at /metrics. With no configuration it uses the
embedded SQLite database under ./data and listens on 127.0.0.1:8080.
SIGTERM or Ctrl-C stops accepting, finishes in-flight requests and exits
within 10 seconds.

Example:
  provisiond serve
  PROVISIOND_LISTEN=0.0.0.0:8080 PROVISIOND_BASE_URL=https://provision.example.com provisiond serve
`

func init() {
	register("serve", command{summary: "run the server", usage: serveUsage, run: runServe})
}

// shutdownGrace bounds how long in-flight requests may take after SIGTERM.
const shutdownGrace = 9 * time.Second

func runServe(ctx context.Context, args []string, out io.Writer) error {
	fs, cfgPath := newFlags("serve", serveUsage, out)
	if err := parse(fs, args, serveUsage, out); err != nil {
		return err
	}
	a, err := openAppFor(ctx, *cfgPath, true)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := bootstrapAdminToken(ctx, a); err != nil {
		return err
	}
	for _, w := range a.cfg.Warnings() { // what the operator should still set (config/warnings.go)
		a.log.WarnContext(ctx, w)
	}
	stopJobs, err := startJobs(ctx, a)
	if err != nil {
		return err
	}
	defer stopJobs()
	defer startLDAPScheduler(ctx, a)() // scheduled LDAP syncs (ldap_sync_schedule.go)
	srv := &web.Server{
		Config: &a.cfg, Store: a.store, Accounts: a.accounts, Directory: a.directory, Keys: a.keys, Invites: a.invites,
		Integrations: a.integrations, Log: a.log, Registry: prometheus.NewRegistry(),
	}
	if srv.SignIn, err = newSignIn(a); err != nil { // /oidc and /signin (client_wiring.go)
		return err
	}
	srv.SCIM = newSCIMHandler(a, srv.SignIn) // SCIM accepts the provider's client credentials tokens
	hs := &http.Server{
		Addr:              a.cfg.Listen,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", a.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen (PROVISIOND_LISTEN): %w", err)
	}
	errc := make(chan error, 1)
	go func() {
		if a.cfg.TLSCertFile != "" {
			errc <- hs.ServeTLS(ln, a.cfg.TLSCertFile, a.cfg.TLSKeyFile)
			return
		}
		errc <- hs.Serve(ln)
	}()
	a.log.Info("provisiond serving", "listen", ln.Addr().String(), "base_url", a.cfg.BaseURL,
		"database", string(a.store.Dialect()), "version", version, "mail", a.cfg.MailEnabled())
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		a.log.Warn("shutdown: requests cut off", "err", err)
		hs.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	a.log.Info("stopped")
	return nil
}

// bootstrapAdminToken makes PROVISIOND_BOOTSTRAP_TOKEN the owner's API token
// when no active admin token exists; it is stored hashed only. A token once
// revoked (`provisiond admin token revoke`) stays revoked: its row keeps the
// revocation, so a restart with the variable still set does not bring it back.
func bootstrapAdminToken(ctx context.Context, a *app) error {
	if a.cfg.BootstrapToken == "" {
		return nil
	}
	out, revokedAt, err := a.integrations.InstallBootstrapToken(ctx, a.cfg.BootstrapToken)
	switch out {
	case integration.BootstrapRevoked:
		a.log.Warn("PROVISIOND_BOOTSTRAP_TOKEN was revoked and is not installed again; unset it",
			"revoked_at", revokedAt.Format(time.RFC3339))
	case integration.BootstrapInstalled:
		a.log.Info("bootstrap admin token installed")
	}
	return err
}
