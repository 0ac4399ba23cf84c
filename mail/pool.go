package mail

import (
	"context"
	"errors"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Idle SMTP connections are kept for the next message: a bulk invitation
// otherwise pays a TCP (and TLS, and AUTH) handshake per mail, a fifth of
// the server's CPU while it delivers (docs/performance.md).
const (
	// maxIdleConns is the workers' concurrency (jobs.Config.MaxWorkers's
	// default): keeping a connection never makes more connections at once
	// than the workers open anyway.
	maxIdleConns = 50
	idleTimeout  = 20 * time.Second // well under the 5 minutes RFC 5321 §4.5.3.2.7 lets a server wait
)

// idleConn is a connection waiting for its next message.
type idleConn struct {
	c     *smtp.Client
	since time.Time
}

// pool holds the idle connections of one SMTPSender.
type pool struct {
	mu   sync.Mutex
	idle []idleConn
}

// take returns an idle connection (reused true) or dials a new one.
// Connections idle too long are closed, not reused.
func (s *SMTPSender) take(ctx context.Context, gc *gomail.Client) (c *smtp.Client, reused bool, err error) {
	now := time.Now()
	s.pool.mu.Lock()
	var stale []*smtp.Client
	for len(s.pool.idle) > 0 && c == nil {
		last := s.pool.idle[len(s.pool.idle)-1]
		s.pool.idle = s.pool.idle[:len(s.pool.idle)-1]
		if now.Sub(last.since) > idleTimeout {
			stale = append(stale, last.c)
			continue
		}
		c = last.c
	}
	s.pool.mu.Unlock()
	for _, sc := range stale {
		go gc.CloseWithSMTPClient(sc) //nolint:errcheck // QUIT on a connection nobody waits for
	}
	if c != nil {
		return c, true, nil
	}
	c, err = gc.DialToSMTPClientWithContext(ctx)
	return c, false, err
}

// put keeps c for the next message, or closes it when enough wait.
func (s *SMTPSender) put(gc *gomail.Client, c *smtp.Client) {
	s.pool.mu.Lock()
	if len(s.pool.idle) < maxIdleConns {
		s.pool.idle = append(s.pool.idle, idleConn{c, time.Now()})
		c = nil
	}
	s.pool.mu.Unlock()
	if c != nil {
		gc.CloseWithSMTPClient(c) //nolint:errcheck
	}
}

// drain takes every idle connection out of the pool.
func (s *SMTPSender) drain() []idleConn {
	s.pool.mu.Lock()
	defer s.pool.mu.Unlock()
	idle := s.pool.idle
	s.pool.idle = nil
	return idle
}

// discard drops every idle connection: one that failed its check says the
// server closed them (a restart, an idle limit shorter than ours).
func (s *SMTPSender) discard() {
	for _, ic := range s.drain() {
		_ = ic.c.Close()
	}
}

// Close ends the idle connections (QUIT). The sender stays usable.
func (s *SMTPSender) Close() {
	gc, err := s.gomail()
	if err != nil {
		return
	}
	for _, ic := range s.drain() {
		_ = gc.CloseWithSMTPClient(ic.c)
	}
}

// nothingSent reports whether err, on a reused connection, came before any
// part of the message reached the server: the connection check (NOOP) or
// MAIL FROM without a server reply. Sending again on a fresh connection
// then cannot deliver the message twice.
func nothingSent(err error) bool {
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return false
	}
	return se.Reason == gomail.ErrConnCheck || (se.Reason == gomail.ErrSMTPMailFrom && se.ErrorCode() == 0)
}
