package mail

import (
	"context"
	"fmt"
	"net/mail"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Sender delivers one message. Implementations must be safe for concurrent use.
type Sender interface {
	Send(ctx context.Context, out Outgoing) error
}

// Outgoing is a rendered Message addressed to one recipient.
type Outgoing struct {
	To     string // address, e.g. "alice@example.org"
	ToName string // optional display name
	// MessageID, without angle brackets, is optional. A delivery job can derive it from its
	// own id so that a retry after an ambiguous failure carries the same Message-ID.
	MessageID string
	Message   Message
}

// SMTPSender sends through an SMTP server with go-mail. A connection is
// kept for the next message (pool.go) for a while.
type SMTPSender struct {
	cfg     SMTPConfig
	from    *mail.Address
	timeout time.Duration
	pool    pool

	once sync.Once
	gc   *gomail.Client // the connection settings, built once
	gerr error
}

// defaultTimeout bounds the dial and each SMTP command; the caller's context bounds the whole.
const defaultTimeout = 30 * time.Second

// NewSMTPSender returns a Sender for PROVISIOND_SMTP_URL rawURL, sending as from
// (PROVISIOND_MAIL_FROM, e.g. "Acme <noreply@acme.example>").
func NewSMTPSender(rawURL, from string) (*SMTPSender, error) {
	cfg, err := ParseSMTPURL(rawURL)
	if err != nil {
		return nil, err
	}
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("mail: from address %q: %w", from, err)
	}
	return &SMTPSender{cfg: cfg, from: addr, timeout: defaultTimeout}, nil
}

// gomail returns the go-mail client that holds the connection settings; it
// is safe for concurrent use, each send having its own connection.
func (s *SMTPSender) gomail() (*gomail.Client, error) {
	s.once.Do(func() { s.gc, s.gerr = s.client() })
	return s.gc, s.gerr
}

func (s *SMTPSender) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.timeout)}
	switch s.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		// go-mail's default is TLSMandatory, which fails against servers without STARTTLS.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	// Any AUTH against a server that offers none fails, so authenticate only when asked.
	// PLAIN and LOGIN refuse to run over an unencrypted link except to localhost.
	if s.cfg.Username != "" {
		opts = append(opts,
			gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1,
				gomail.SMTPAuthCramMD5, gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: smtp client: %w", err)
	}
	return c, nil
}

// Send delivers out. Classify a failure with IsPermanent.
func (s *SMTPSender) Send(ctx context.Context, out Outgoing) error {
	msg, err := s.build(out)
	if err != nil {
		return err
	}
	gc, err := s.gomail()
	if err != nil {
		return err
	}
	for {
		c, reused, err := s.take(ctx, gc)
		if err != nil {
			return fmt.Errorf("mail: send via %s:%d: dial failed: %w", s.cfg.Host, s.cfg.Port, err)
		}
		err = gc.SendWithSMTPClient(c, msg)
		if err == nil {
			s.put(gc, c)
			return nil
		}
		_ = c.Close() // after a failure its state is unknown
		if reused && nothingSent(err) {
			s.discard() // the others waited as long: dial afresh
			continue
		}
		return fmt.Errorf("mail: send via %s:%d: %w", s.cfg.Host, s.cfg.Port, err)
	}
}
