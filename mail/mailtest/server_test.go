package mailtest

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

func send(addr string, auth sasl.Client, to string) error {
	body := "From: a@test\r\nTo: " + to + "\r\nSubject: hi\r\n\r\nhello\r\n"
	c, err := smtp.Dial(addr) // plain: the test server offers no STARTTLS
	if err != nil {
		return err
	}
	defer c.Close()
	if auth != nil {
		if err := c.Auth(auth); err != nil {
			return err
		}
	}
	if err := c.SendMail("a@test", []string{to}, strings.NewReader(body)); err != nil {
		return err
	}
	return c.Quit()
}

func TestServer(t *testing.T) {
	srv := NewServer(t)
	if err := send(srv.Addr(), nil, "b@test"); err != nil {
		t.Fatal(err)
	}
	msgs := srv.WaitFor(1, 5*time.Second)
	p := msgs[0].MustParse(t)
	if msgs[0].From != "a@test" || p.Subject != "hi" || p.Text != "hello\n" {
		t.Errorf("got %+v / %+v", msgs[0], p)
	}
	srv.Reset()
	if len(srv.Messages()) != 0 {
		t.Error("Reset kept messages")
	}

	srv.SetDown(true)
	srv.SetDown(true) // idempotent
	if err := send(srv.Addr(), nil, "b@test"); err == nil {
		t.Error("send succeeded while down")
	}
	srv.SetDown(false)
	srv.RejectRecipient("X@test")
	if err := send(srv.Addr(), nil, "x@test"); err == nil || !strings.Contains(err.Error(), "550") {
		t.Errorf("rejected recipient: %v", err)
	}
	srv.Refuse(451)
	if err := send(srv.Addr(), nil, "b@test"); err == nil || !strings.Contains(err.Error(), "451") {
		t.Errorf("refused: %v", err)
	}
	srv.Refuse(0)
	if err := send(srv.Addr(), nil, "b@test"); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.WaitFor(1, 5*time.Second)); n != 1 {
		t.Errorf("got %d messages after recovery, want 1", n)
	}
}

func TestServerAuth(t *testing.T) {
	srv := NewServer(t, WithAuth("u", "p"))
	if !strings.HasPrefix(srv.URL(), "smtp://u:p@127.0.0.1:") {
		t.Errorf("URL = %q", srv.URL())
	}
	if err := send(srv.Addr(), nil, "b@test"); err == nil {
		t.Error("unauthenticated send accepted")
	}
	if err := send(srv.Addr(), sasl.NewPlainClient("", "u", "bad"), "b@test"); err == nil {
		t.Error("bad password accepted")
	}
	if err := send(srv.Addr(), sasl.NewPlainClient("", "u", "p"), "b@test"); err != nil {
		t.Fatal(err)
	}
	if m := srv.WaitFor(1, 5*time.Second)[0]; m.AuthUser != "u" {
		t.Errorf("AuthUser = %q", m.AuthUser)
	}
}
