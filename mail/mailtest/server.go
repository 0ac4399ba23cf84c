package mailtest

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one accepted SMTP transaction.
type Message struct {
	From     string   // envelope sender (MAIL FROM)
	To       []string // envelope recipients (RCPT TO)
	AuthUser string   // user who authenticated, if any
	Data     []byte   // the raw message as received after DATA
}

// Server is an in-process SMTP server. Its methods are safe for concurrent use.
type Server struct {
	t          testing.TB
	addr       string
	user, pass string

	mu       sync.Mutex
	msgs     []Message
	changed  chan struct{} // closed and replaced whenever msgs grows
	srv      *smtp.Server  // nil while down
	l        net.Listener  // srv's listener
	done     chan struct{} // closed when srv's Serve returns
	refuse   int
	rejected map[string]bool
	sessions int // SMTP connections accepted
}

// Option configures a Server.
type Option func(*Server)

// WithAuth makes the server offer AUTH PLAIN (over plain text, as tests have no TLS) and
// refuse mail from clients that have not authenticated as user/pass.
func WithAuth(user, pass string) Option {
	return func(s *Server) { s.user, s.pass = user, pass }
}

// NewServer starts a server on 127.0.0.1 on a free port; t.Cleanup stops it.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t, changed: make(chan struct{}), rejected: map[string]bool{}}
	for _, o := range opts {
		o(s)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.addr = l.Addr().String()
	s.serve(l)
	t.Cleanup(func() { s.SetDown(true) })
	return s
}

func (s *Server) serve(l net.Listener) {
	srv := smtp.NewServer(backend{s})
	srv.Domain = "mailtest.local"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.ErrorLog = log.New(io.Discard, "", 0) // forced closes during SetDown are expected
	done := make(chan struct{})
	s.mu.Lock()
	s.srv, s.l, s.done = srv, l, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		_ = srv.Serve(l)
	}()
}

// Addr returns host:port.
func (s *Server) Addr() string { return s.addr }

// Sessions is how many SMTP connections the server has accepted.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// URL returns an smtp:// URL for mail.NewSMTPSender, with the WithAuth credentials if any.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.addr}
	if s.user != "" {
		u.User = url.UserPassword(s.user, s.pass)
	}
	return u.String()
}

// Messages returns a copy of the messages received so far, in order of arrival.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Reset forgets the messages received so far.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = nil
}

// WaitFor waits until at least n messages have arrived and returns them all; after timeout
// it fails the test. Call it from the test's goroutine (it uses t.Fatalf).
func (s *Server) WaitFor(n int, timeout time.Duration) []Message {
	s.t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		msgs, changed := append([]Message(nil), s.msgs...), s.changed
		s.mu.Unlock()
		if len(msgs) >= n {
			return msgs
		}
		select {
		case <-changed:
		case <-deadline.C:
			s.t.Fatalf("mailtest: got %d messages after %v, want %d", len(msgs), timeout, n)
			return nil
		}
	}
}

func (s *Server) add(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) String() string { return fmt.Sprintf("mailtest.Server(%s)", s.addr) }
