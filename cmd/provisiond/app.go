package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/config"
	"github.com/provisiond/provisiond/directory"
	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/logging"
	"github.com/provisiond/provisiond/notify"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// app is the wiring shared by every command that touches the database.
type app struct {
	cfg       config.Config
	log       *slog.Logger
	store     *store.Store
	keys      *secret.Keys
	accounts  *account.Service
	directory *directory.Service // LDAP settings, sync runs and schedule
	invites   *invite.Service
	breaker   *notify.Breaker // queues the breaker notices (account.Service.OnTrip)
	// integrations writes integrations, admins and OIDC clients.
	integrations *integration.Service
	jobs         *jobs.Client // insert-only until serve starts workers (startJobs)
	// serving is true in serve, which records its settings; the other
	// commands adopt them (server_settings.go).
	serving bool
	// mailByServer: the running server mails what this command queues,
	// though this shell has no SMTP settings.
	mailByServer bool
}

// loadConfig reads the configuration and builds the logger.
func loadConfig(path string) (config.Config, *slog.Logger, error) {
	cfg, err := config.Load(path, nil)
	if err != nil {
		return cfg, nil, err
	}
	return cfg, logging.New(os.Stderr, cfg.LogLevel, cfg.LogFormat), nil
}

// openApp loads the configuration, resolves the secret key, opens the
// database and applies pending migrations (under the same lock as serve),
// for a one-shot command: it adopts the server's recorded settings.
func openApp(ctx context.Context, configPath string) (*app, error) {
	return openAppFor(ctx, configPath, false)
}

// openAppFor is openApp for serve (serving) or a one-shot command.
func openAppFor(ctx context.Context, configPath string, serving bool) (*app, error) {
	cfg, log, err := loadConfig(configPath)
	if err != nil {
		return nil, err
	}
	if err := checkDataDir(cfg); err != nil {
		return nil, err
	}
	key, err := resolveSecretKey(cfg)
	if err != nil {
		return nil, err
	}
	keys, err := secret.NewKeys(key)
	if err != nil {
		return nil, fmt.Errorf("secretKey (PROVISIOND_SECRET_KEY): %w", err)
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("databaseURL (PROVISIOND_DATABASE_URL): %w", err)
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	a := &app{cfg: cfg, log: log, store: st, keys: keys, serving: serving}
	settings := adoptServerSettings
	if serving {
		settings = recordServerSettings
	}
	if err := settings(ctx, a); err != nil {
		st.Close()
		return nil, err
	}
	if err := a.wireInvites(); err != nil {
		st.Close()
		return nil, err
	}
	a.accounts = account.New(st, invite.Policy{Service: a.invites}, log)
	a.breaker = &notify.Breaker{Jobs: a.jobs}
	a.accounts.OnTrip = a.breaker
	a.directory = directory.New(a.accounts, keys, directory.AllowList{FilesDir: cfg.LDAPFilesDir, EnvPrefix: cfg.LDAPEnvPrefix})
	allow, _ := egress.ParseNetworks(cfg.WebhookAllowedNetworks) // validated with the configuration
	a.integrations = &integration.Service{Store: st, Directory: a.directory, Password: password.Policy{MinLength: cfg.PasswordMinLength},
		Egress: egress.Policy{Allow: allow}}
	return a, nil
}

func (a *app) Close() {
	if c, ok := a.invites.Sender.(interface{ Close() }); ok {
		c.Close() // QUIT on the kept SMTP connections
	}
	a.store.Close()
}

// checkDataDir makes sure the embedded mode's data dir exists and is writable,
// before anything is created in it.
func checkDataDir(cfg config.Config) error {
	if !cfg.Embedded() && cfg.SecretKey != "" {
		return nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("dataDir (PROVISIOND_DATA_DIR): cannot create %s: %w", cfg.DataDir, unwrapPath(err))
	}
	f, err := os.CreateTemp(cfg.DataDir, ".writable-*")
	if err != nil {
		return fmt.Errorf("dataDir (PROVISIOND_DATA_DIR): %s is not writable: %w", cfg.DataDir, unwrapPath(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// resolveSecretKey returns the configured key or, in the embedded default,
// the one generated into the data dir on first start.
func resolveSecretKey(cfg config.Config) (string, error) {
	if cfg.SecretKey != "" {
		return cfg.SecretKey, nil
	}
	if !cfg.Embedded() {
		return "", fmt.Errorf("secretKey (PROVISIOND_SECRET_KEY): required with PostgreSQL: every replica must share it")
	}
	key, err := secret.LoadOrCreateKeyFile(filepath.Join(cfg.DataDir, "secret.key"))
	if err != nil {
		return "", fmt.Errorf("dataDir (PROVISIOND_DATA_DIR): %w", err)
	}
	return key, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
