package mail

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"time"

	"github.com/provisiond/provisiond/ui"
)

// Kinds of mail, each with a template per language.
const (
	KindInvitation         = "invitation"          // claim link
	KindSignUpConfirmation = "signup_confirmation" // claim link confirming a sign-up through a multi-use link
	KindInvitationCode     = "invitation_code"     // one-time code, its QR image and the /code address
	KindRegistrationNotice = "registration_notice" // to a distribution list: someone registered
	KindPasswordReset      = "password_reset"      // reset link with a short expiry
	KindBreakerTripped     = "breaker_tripped"     // to owners: deactivations held for an integration
	KindInvitationReminder = "invitation_reminder" // the same claim link, days before it expires
	KindAccountApproved    = "account_approved"    // to the person: an admin approved their claim; where to sign in
)

// Kinds lists every kind of mail; each must have a template in each of ui.Languages.
var Kinds = []string{KindInvitation, KindSignUpConfirmation, KindInvitationCode, KindRegistrationNotice, KindPasswordReset, KindBreakerTripped,
	KindInvitationReminder, KindAccountApproved}

// Data is what templates may show. Fields a kind does not use are ignored.
type Data struct {
	OrgName       string    // organisation that owns the accounts
	RecipientName string    // greeting name; empty gives a neutral greeting
	CustomMessage string    // admin's plain text, shown quoted and escaped
	Link          string    // claim, reset, /code, sign-in or console address, built from the base URL (or the application's URL)
	Code          string    // invitation_code: the one-time code, raw or grouped
	ExpiresAt     time.Time // when the link or code stops working
	AccountName   string    // registration_notice: who registered
	AccountEmail  string    // registration_notice: their address
	Integration   string    // registration_notice, breaker_tripped: the integration's name
	Held          int       // breaker_tripped: number of deactivations held
}

// Inline is an image shown inside the HTML part, referenced there as cid:ContentID.
type Inline struct {
	ContentID   string // without angle brackets
	Filename    string
	ContentType string
	Data        []byte
}

// Message is a rendered mail, ready to be addressed and sent.
type Message struct {
	Subject string
	Text    string
	HTML    string
	Inline  []Inline
}

// qrContentID names the QR image of invitation_code mails inside their HTML part.
const qrContentID = "access-code-qr@provisiond"

// view is what templates receive: the caller's data plus what rendering adds.
type view struct {
	Data
	Lang  string
	QRSrc htmltemplate.URL // "cid:..." is not a scheme html/template trusts on its own
}

// Render renders kind in lang (one of ui.Languages, as ui.Pick chose it;
// anything else goes through ui.Pick, which falls back to English).
func Render(kind, lang string, data Data) (Message, error) {
	lang = ui.Pick(lang)
	set, ok := templates[kind][lang]
	if !ok {
		return Message{}, fmt.Errorf("mail: unknown kind %q", kind)
	}
	v := view{Data: data, Lang: lang}
	var msg Message
	if kind == KindInvitationCode {
		v.Code = groupCode(data.Code)
		png, err := QRCode(v.Code)
		if err != nil {
			return Message{}, err
		}
		v.QRSrc = htmltemplate.URL("cid:" + qrContentID)
		msg.Inline = []Inline{{ContentID: qrContentID, Filename: "access-code.png", ContentType: "image/png", Data: png}}
	}
	var subj, text, html bytes.Buffer
	if err := set.text.ExecuteTemplate(&subj, "subject", v); err != nil {
		return Message{}, fmt.Errorf("mail: render %s/%s subject: %w", kind, v.Lang, err)
	}
	if err := set.text.ExecuteTemplate(&text, "text", v); err != nil {
		return Message{}, fmt.Errorf("mail: render %s/%s text: %w", kind, v.Lang, err)
	}
	if err := set.html.ExecuteTemplate(&html, "layout", v); err != nil {
		return Message{}, fmt.Errorf("mail: render %s/%s html: %w", kind, v.Lang, err)
	}
	// Header injection guard: a subject is one line whatever the organisation name holds.
	msg.Subject = strings.Join(strings.Fields(subj.String()), " ")
	msg.Text = strings.TrimSpace(text.String()) + "\n"
	msg.HTML = html.String()
	return msg, nil
}
