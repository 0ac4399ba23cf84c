package mail

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/provisiond/provisiond/ui"
)

var testData = Data{
	OrgName:       "Acme & Co",
	RecipientName: "Zoé",
	CustomMessage: "Welcome <b>aboard</b>!\nSee you Monday.",
	Link:          "https://id.acme.test/invite/tok123?x=1",
	Code:          "abcd2345efgh6789",
	ExpiresAt:     time.Date(2026, 3, 1, 14, 5, 0, 0, time.UTC),
	AccountName:   "Jean Dupont",
	AccountEmail:  "jean@acme.test",
	Integration:   "Entra ID",
	Held:          42,
}

// Every kind renders in every language: a missing template would already have stopped
// the package at init, and this names the pair if a template fails at execution instead.
func TestRenderAllKindsAndLanguages(t *testing.T) {
	for _, kind := range Kinds {
		for _, lang := range ui.Languages {
			m, err := Render(kind, lang, testData)
			if err != nil {
				t.Fatalf("%s/%s: %v", kind, lang, err)
			}
			if m.Subject == "" || strings.ContainsAny(m.Subject, "\r\n") {
				t.Errorf("%s/%s: bad subject %q", kind, lang, m.Subject)
			}
			if !strings.Contains(m.HTML, `<html lang="`+lang+`">`) || strings.TrimSpace(m.Text) == "" {
				t.Errorf("%s/%s: missing parts", kind, lang)
			}
			// No remote images, no tracking pixels: the only image source allowed is cid:.
			if strings.Contains(m.HTML, "<img") && !strings.Contains(m.HTML, `src="cid:`) ||
				strings.Contains(m.HTML, `src="http`) || strings.Contains(m.HTML, "url(") {
				t.Errorf("%s/%s: remote resource in HTML", kind, lang)
			}
		}
	}
}

func TestRenderInvitation(t *testing.T) {
	tests := []struct {
		lang, subject, expiry, quoteIntro string
	}{
		{"en", "Your Acme & Co account is ready", "March 1, 2026", "A message from your administrator:"},
		{"fr", "Votre compte Acme & Co est prêt", "1er mars 2026", "Un message de votre administrateur :"},
	}
	for _, tt := range tests {
		m, err := Render(KindInvitation, tt.lang, testData)
		if err != nil {
			t.Fatal(err)
		}
		if m.Subject != tt.subject {
			t.Errorf("%s subject = %q", tt.lang, m.Subject)
		}
		for _, want := range []string{tt.expiry, tt.quoteIntro, testData.Link, "> Welcome <b>aboard</b>!\n> See you Monday."} {
			if !strings.Contains(m.Text, want) {
				t.Errorf("%s text lacks %q:\n%s", tt.lang, want, m.Text)
			}
		}
		for _, want := range []string{tt.expiry, "Acme &amp; Co", `href="https://id.acme.test/invite/tok123?x=1"`,
			"<blockquote", "Welcome &lt;b&gt;aboard&lt;/b&gt;!\nSee you Monday.</blockquote>"} {
			if !strings.Contains(m.HTML, want) {
				t.Errorf("%s html lacks %q", tt.lang, want)
			}
		}
		if strings.Contains(m.HTML, "<b>aboard") {
			t.Errorf("%s: custom message not escaped in HTML", tt.lang)
		}
		if len(m.Inline) != 0 {
			t.Errorf("%s: invitation has inline parts", tt.lang)
		}
	}
	noMsg := testData
	noMsg.CustomMessage = ""
	m, _ := Render(KindInvitation, "en", noMsg)
	if strings.Contains(m.HTML, "<blockquote") || strings.Contains(m.Text, "administrator:") {
		t.Error("empty custom message still shows a quote block")
	}
}

func TestRenderInvitationCode(t *testing.T) {
	m, err := Render(KindInvitationCode, "fr", testData)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{m.Text, m.HTML} {
		if !strings.Contains(part, "ABCD-2345-EFGH-6789") {
			t.Errorf("code not shown grouped in:\n%s", part)
		}
	}
	if len(m.Inline) != 1 || m.Inline[0].ContentType != "image/png" {
		t.Fatalf("inline = %+v, want one PNG", m.Inline)
	}
	if !strings.Contains(m.HTML, `src="cid:`+m.Inline[0].ContentID+`"`) {
		t.Error("HTML does not reference the inline QR image")
	}
	if _, err := png.Decode(bytes.NewReader(m.Inline[0].Data)); err != nil {
		t.Errorf("QR image is not a PNG: %v", err)
	}
}

func TestRenderOther(t *testing.T) {
	tests := []struct {
		kind, lang string
		want       []string
	}{
		{KindPasswordReset, "en", []string{"March 1, 2026, 14:05 UTC", testData.Link}},
		{KindPasswordReset, "fr", []string{"1er mars 2026 à 14:05 UTC"}},
		{KindRegistrationNotice, "en", []string{"Jean Dupont <jean@acme.test>", "Entra ID"}},
		{KindRegistrationNotice, "fr", []string{"Jean Dupont <jean@acme.test>", "« Entra ID »"}},
		{KindBreakerTripped, "en", []string{"42 deactivations", `"Entra ID"`}},
		{KindBreakerTripped, "fr", []string{"42 désactivations", "« Entra ID »"}},
		{KindAccountApproved, "en", []string{"approved your account", testData.Link}},
		{KindAccountApproved, "fr", []string{"a approuvé votre compte", testData.Link}},
	}
	for _, tt := range tests {
		m, err := Render(tt.kind, tt.lang, testData)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(m.Text, w) {
				t.Errorf("%s/%s text lacks %q:\n%s", tt.kind, tt.lang, w, m.Text)
			}
		}
	}
}

func TestRenderErrors(t *testing.T) {
	if _, err := Render("nope", "en", testData); err == nil {
		t.Error("unknown kind rendered")
	}
	m, err := Render(KindInvitation, "de-DE", testData)
	if err != nil || !strings.Contains(m.HTML, `lang="en"`) {
		t.Errorf("unsupported language did not fall back to English: %v", err)
	}
	evil := testData
	evil.OrgName = "Acme\r\nBcc: victim@example.org"
	m, _ = Render(KindInvitation, "en", evil)
	if strings.ContainsAny(m.Subject, "\r\n") {
		t.Errorf("subject carries a line break: %q", m.Subject)
	}
}

// The owners' breaker mail counts in real plurals, subject and body, in both
// languages: one held deactivation is singular in English and French, none
// is plural in English and singular in French.
func TestRenderBreakerCounts(t *testing.T) {
	for _, c := range []struct {
		lang    string
		held    int
		subject string
		body    string
	}{
		{"en", 1, "Acme & Co: 1 deactivation held for Entra ID", "held 1 deactivation and"},
		{"en", 2, "Acme & Co: 2 deactivations held for Entra ID", "held 2 deactivations and"},
		{"fr", 1, "Acme & Co : 1 désactivation retenue pour Entra ID", "retenu 1 désactivation sans"},
		{"fr", 0, "Acme & Co : 0 désactivation retenue pour Entra ID", "retenu 0 désactivation sans"},
		{"fr", 5, "Acme & Co : 5 désactivations retenues pour Entra ID", "retenu 5 désactivations sans"},
	} {
		d := testData
		d.Held = c.held
		m, err := Render(KindBreakerTripped, c.lang, d)
		if err != nil {
			t.Fatal(err)
		}
		words := strings.Fields(c.body) // "held 1 deactivation and": the HTML bolds the middle
		if m.Subject != c.subject || !strings.Contains(m.Text, c.body) || !strings.Contains(m.HTML, "<strong>"+words[1]+" "+words[2]+"</strong>") {
			t.Errorf("%s %d: subject %q, text:\n%s", c.lang, c.held, m.Subject, m.Text)
		}
	}
}
