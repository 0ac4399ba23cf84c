package mail_test

import (
	"net/mail"
	"strings"
	"testing"
	"time"

	provmail "github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/mail/mailtest"
)

const from = "Acme <noreply@acme.test>"

func newSender(t *testing.T, rawURL string) *provmail.SMTPSender {
	t.Helper()
	s, err := provmail.NewSMTPSender(rawURL, from)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func invitation(t *testing.T, kind, lang, to string) provmail.Outgoing {
	t.Helper()
	m, err := provmail.Render(kind, lang, provmail.Data{
		OrgName: "Acme", RecipientName: "Zoé Martin", CustomMessage: "Bienvenue <b>!</b>\nÀ lundi.",
		Link: "https://id.acme.test/invite/tok-" + lang, Code: "ABCD2345EFGH6789",
		ExpiresAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return provmail.Outgoing{To: to, ToName: "Zoé Martin", Message: m}
}

func TestSendInvitationEnglishAndFrench(t *testing.T) {
	srv := mailtest.NewServer(t)
	s := newSender(t, srv.URL())
	for _, lang := range []string{"en", "fr"} {
		if err := s.Send(t.Context(), invitation(t, provmail.KindInvitation, lang, lang+"@example.org")); err != nil {
			t.Fatalf("send %s: %v", lang, err)
		}
	}
	msgs := srv.WaitFor(2, 5*time.Second)
	for i, lang := range []string{"en", "fr"} {
		m := msgs[i]
		if m.From != "noreply@acme.test" || len(m.To) != 1 || m.To[0] != lang+"@example.org" {
			t.Errorf("%s envelope = %q -> %q", lang, m.From, m.To)
		}
		p := m.MustParse(t)
		id := p.Header.Get("Message-Id")
		if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@acme.test>") || len(id) < 30 {
			t.Errorf("%s Message-ID = %q", lang, id)
		}
		if _, err := p.Header.Date(); err != nil {
			t.Errorf("%s Date: %v", lang, err)
		}
		if to, err := p.Header.AddressList("To"); err != nil || to[0].Name != "Zoé Martin" {
			t.Errorf("%s To = %v, %v", lang, to, err)
		}
		if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative") {
			t.Errorf("%s Content-Type = %q", lang, ct)
		}
		link := "https://id.acme.test/invite/tok-" + lang
		if !strings.Contains(p.Text, link) || !strings.Contains(p.Text, "> Bienvenue <b>!</b>\n> À lundi.") {
			t.Errorf("%s text part:\n%s", lang, p.Text)
		}
		if !strings.Contains(p.HTML, `href="`+link+`"`) || !strings.Contains(p.HTML, "Bienvenue &lt;b&gt;!&lt;/b&gt;") {
			t.Errorf("%s html part lacks the link or the escaped message", lang)
		}
		wantSubject := map[string]string{"en": "Your Acme account is ready", "fr": "Votre compte Acme est prêt"}[lang]
		if p.Subject != wantSubject {
			t.Errorf("%s subject = %q", lang, p.Subject)
		}
	}
	if msgs[0].MustParse(t).Header.Get("Message-Id") == msgs[1].MustParse(t).Header.Get("Message-Id") {
		t.Error("two messages share a Message-ID")
	}
}

func TestSendInvitationCodeInlinesQR(t *testing.T) {
	srv := mailtest.NewServer(t)
	out := invitation(t, provmail.KindInvitationCode, "en", "kiosk@example.org")
	out.MessageID = "job-42@acme.test"
	if err := newSender(t, srv.URL()).Send(t.Context(), out); err != nil {
		t.Fatal(err)
	}
	p := srv.WaitFor(1, 5*time.Second)[0].MustParse(t)
	if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/related") {
		t.Errorf("Content-Type = %q, want multipart/related", ct)
	}
	if got := p.Header.Get("Message-Id"); got != "<job-42@acme.test>" {
		t.Errorf("Message-ID = %q, want the caller's", got)
	}
	if len(p.Inline) != 1 || p.Inline[0].ContentType != "image/png" || !strings.HasPrefix(string(p.Inline[0].Data), "\x89PNG") {
		t.Fatalf("inline parts = %d, want one PNG", len(p.Inline))
	}
	if !strings.Contains(p.HTML, `src="cid:`+p.Inline[0].ContentID+`"`) {
		t.Errorf("HTML does not reference Content-ID %q", p.Inline[0].ContentID)
	}
	if !strings.Contains(p.Text, "ABCD-2345-EFGH-6789") || !strings.Contains(p.HTML, `href="https://id.acme.test/invite/tok-en"`) {
		t.Error("code or /code address missing")
	}
}

func TestNewSMTPSenderErrors(t *testing.T) {
	if _, err := provmail.NewSMTPSender("smtp://h", "not an address"); err == nil {
		t.Error("bad from accepted")
	}
	if _, err := provmail.NewSMTPSender("imap://h", from); err == nil {
		t.Error("bad scheme accepted")
	}
	if a, _ := mail.ParseAddress(from); !strings.HasSuffix(provmail.NewMessageID(a.Address), "@acme.test") {
		t.Error("NewMessageID ignores the sender's domain")
	}
}
