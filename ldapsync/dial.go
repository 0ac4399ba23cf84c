package ldapsync

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"time"

	"github.com/go-ldap/ldap/v3"
)

// dialTimeout bounds connecting and each request; a hung directory must fail
// the run (changing nothing), not hang a cron job forever.
const dialTimeout = 30 * time.Second

// Dial connects to cfg.URL (ldap:// with optional StartTLS, or ldaps://),
// verifies the server against cfg.CACertificate, cfg.CAFile or the system roots, and binds as
// cfg.BindDN. The connection is closed when ctx ends.
func Dial(ctx context.Context, cfg Config, log *slog.Logger) (*ldap.Conn, error) {
	if log == nil {
		log = slog.Default()
	}
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("ldapsync: parse url: %w", err)
	}
	tc, err := tlsConfig(cfg, u.Hostname())
	if err != nil {
		return nil, err
	}
	if cfg.InsecureSkipVerify && (u.Scheme == "ldaps" || cfg.StartTLS) {
		log.Warn("LDAP TLS CERTIFICATE VERIFICATION IS DISABLED (insecureSkipVerify): the bind password and all directory data can be intercepted",
			"url", cfg.URL)
	}
	conn, err := ldap.DialURL(cfg.URL, ldap.DialWithTLSConfig(tc),
		ldap.DialWithDialer(&net.Dialer{Timeout: dialTimeout}))
	if err != nil {
		return nil, fmt.Errorf("ldapsync: dial %s: %w", cfg.URL, err)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	fail := func(step string, err error) (*ldap.Conn, error) {
		stop()
		conn.Close()
		return nil, fmt.Errorf("ldapsync: %s: %w", step, err)
	}
	conn.SetTimeout(dialTimeout)
	if cfg.StartTLS && u.Scheme == "ldap" {
		if err := conn.StartTLS(tc); err != nil {
			return fail("starttls", err)
		}
	}
	if cfg.BindDN != "" {
		pw, err := cfg.bindPassword()
		if err != nil {
			return fail("bind", err)
		}
		if err := conn.Bind(cfg.BindDN, pw); err != nil {
			return fail("bind as "+cfg.BindDN, err)
		}
	}
	// Large directories stream for longer than one request timeout allows;
	// the context bounds the run instead.
	conn.SetTimeout(0)
	log.Debug("ldap connected", "url", cfg.URL, "bindDN", cfg.BindDN, "startTLS", cfg.StartTLS)
	return conn, nil
}

func tlsConfig(cfg Config, host string) (*tls.Config, error) {
	tc := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12, InsecureSkipVerify: cfg.InsecureSkipVerify} //nolint:gosec // opt-in, logged at WARN
	switch {
	case cfg.CACertificate != "":
		pool, err := certPool([]byte(cfg.CACertificate), "caCertificate")
		if err != nil {
			return nil, err
		}
		tc.RootCAs = pool
	case cfg.CAFile != "":
		pem, err := readSmallFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("ldapsync: read caFile: %w", err)
		}
		pool, err := certPool(pem, "caFile "+cfg.CAFile)
		if err != nil {
			return nil, err
		}
		tc.RootCAs = pool
	}
	return tc, nil
}
