package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// build turns out into a go-mail message: multipart/alternative text and HTML, wrapped in
// multipart/related when images are inlined.
func (s *SMTPSender) build(out Outgoing) (*gomail.Msg, error) {
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	m.FromMailAddress(s.from)
	if err := m.AddToFormat(out.ToName, out.To); err != nil {
		return nil, permanent(fmt.Errorf("mail: recipient: %w", err))
	}
	id := out.MessageID
	if id == "" {
		id = NewMessageID(s.from.Address)
	}
	m.SetMessageIDWithValue(strings.Trim(id, "<>"))
	m.SetDate()
	m.Subject(out.Message.Subject)
	// RFC 3834: no vacation replies or bounces to our own auto-replies.
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	m.SetBodyString(gomail.TypeTextPlain, out.Message.Text)
	if out.Message.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, out.Message.HTML)
	}
	for _, in := range out.Message.Inline {
		err := m.EmbedReader(in.Filename, bytes.NewReader(in.Data),
			gomail.WithFileContentID("<"+in.ContentID+">"),
			gomail.WithFileContentType(gomail.ContentType(in.ContentType)))
		if err != nil {
			return nil, fmt.Errorf("mail: inline %s: %w", in.Filename, err)
		}
	}
	return m, nil
}

// NewMessageID returns a fresh Message-ID, without angle brackets, in the domain of from:
// 128 random bits, so it is unique without coordination between replicas.
func NewMessageID(from string) string {
	domain := "provisiond.invalid"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i < len(from)-1 {
		domain = strings.TrimRight(from[i+1:], ">")
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails since Go 1.24
	return hex.EncodeToString(b) + "@" + domain
}
