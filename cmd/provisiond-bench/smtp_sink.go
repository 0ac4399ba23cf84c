package main

import (
	"io"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-smtp"
)

// smtpSink is a real SMTP server (go-smtp) that discards every message and
// counts deliveries per recipient: duplicates are recipients counted twice.
// mail/mailtest keeps every message in memory, which at 100,000 mails would
// measure the sink instead of provisiond.
type smtpSink struct {
	srv      *smtp.Server
	addr     string
	arrivals // by recipient
}

// newSMTPSink listens on a free port of 127.0.0.1 until close.
func newSMTPSink(want int) (*smtpSink, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &smtpSink{addr: l.Addr().String(), arrivals: newArrivals(want)}
	s.srv = smtp.NewServer(s)
	s.srv.Domain = "sink.local"
	s.srv.ReadTimeout, s.srv.WriteTimeout = time.Minute, time.Minute
	go s.srv.Serve(l)
	return s, nil
}

func (s *smtpSink) url() string { return "smtp://" + s.addr + "?tls=none" }
func (s *smtpSink) close()      { s.srv.Close() }

func (s *smtpSink) delivered(to []string) {
	keys := make([]string, len(to))
	for i, r := range to {
		keys[i] = strings.ToLower(r)
	}
	s.add(keys...)
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
