package main

import (
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// smtpSink is a real SMTP server (go-smtp) that discards every message and
// counts deliveries per recipient: duplicates are recipients counted twice.
// mail/mailtest keeps every message in memory, which at 100,000 mails would
// measure the sink instead of provisiond.
type smtpSink struct {
	srv  *smtp.Server
	addr string

	mu      sync.Mutex
	per     map[string]int
	total   int
	want    int // unique recipients that close reached
	reached chan struct{}
	at      time.Time // when the want-th unique recipient arrived
}

// newSMTPSink listens on a free port of 127.0.0.1 until close.
func newSMTPSink(want int) (*smtpSink, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &smtpSink{addr: l.Addr().String(), per: map[string]int{}, want: want, reached: make(chan struct{})}
	s.srv = smtp.NewServer(s)
	s.srv.Domain = "sink.local"
	s.srv.ReadTimeout, s.srv.WriteTimeout = time.Minute, time.Minute
	go s.srv.Serve(l)
	return s, nil
}

func (s *smtpSink) url() string { return "smtp://" + s.addr + "?tls=none" }
func (s *smtpSink) close()      { s.srv.Close() }

// counts returns the messages received and the distinct recipients.
func (s *smtpSink) counts() (total, unique int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total, len(s.per)
}

// reachedAt returns when want distinct recipients had been served.
func (s *smtpSink) reachedAt() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.at
}

func (s *smtpSink) delivered(to []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total++
	for _, r := range to {
		s.per[strings.ToLower(r)]++
	}
	if s.at.IsZero() && len(s.per) >= s.want {
		s.at = time.Now()
		close(s.reached)
	}
}

func (s *smtpSink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s}, nil }

type sinkSession struct {
	sink *smtpSink
	to   []string
}

func (*sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (se *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.to = append(se.to, to)
	return nil
}
func (se *sinkSession) Data(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	se.sink.delivered(se.to)
	return nil
}
func (se *sinkSession) Reset()     { se.to = nil }
func (*sinkSession) Logout() error { return nil }
