package mailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
)

// Parsed is a received message taken apart: decoded headers and bodies.
type Parsed struct {
	Header  mail.Header
	Subject string // decoded from RFC 2047
	Text    string // the text/plain part, decoded, with CRLF turned into LF
	HTML    string // the text/html part, decoded, with CRLF turned into LF
	Inline  []Part // inline images and other non-text parts
}

// Part is one non-text MIME part.
type Part struct {
	ContentType string // media type without parameters
	ContentID   string // without angle brackets
	Data        []byte // decoded
}

// MustParse is Parse that fails the test on error.
func (m Message) MustParse(t testing.TB) *Parsed {
	t.Helper()
	p, err := m.Parse()
	if err != nil {
		t.Fatalf("mailtest: parse message: %v", err)
	}
	return p
}

// Parse decodes the message, walking nested multiparts (mixed, related, alternative).
func (m Message) Parse() (*Parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return nil, fmt.Errorf("mailtest: read message: %w", err)
	}
	p := &Parsed{Header: msg.Header}
	if p.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return nil, fmt.Errorf("mailtest: subject: %w", err)
	}
	err = p.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"),
		msg.Header.Get("Content-ID"), msg.Body)
	return p, err
}

func (p *Parsed) walk(contentType, encoding, cid string, body io.Reader) error {
	if contentType == "" {
		contentType = "text/plain"
	}
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("mailtest: content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(media, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextRawPart() // raw: decode transfer encodings ourselves
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("mailtest: %s: %w", media, err)
			}
			h := part.Header
			if err := p.walk(h.Get("Content-Type"), h.Get("Content-Transfer-Encoding"), h.Get("Content-ID"), part); err != nil {
				return err
			}
		}
	}
	data, err := decode(encoding, body)
	if err != nil {
		return fmt.Errorf("mailtest: %s body: %w", media, err)
	}
	switch media {
	case "text/plain":
		p.Text = lf(data)
	case "text/html":
		p.HTML = lf(data)
	default:
		p.Inline = append(p.Inline, Part{ContentType: media, ContentID: strings.Trim(cid, "<>"), Data: data})
	}
	return nil
}

func decode(encoding string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r) // it skips the line breaks itself
	}
	return io.ReadAll(r)
}

// lf undoes SMTP's CRLF line endings so tests can compare with what was rendered.
func lf(b []byte) string { return strings.ReplaceAll(string(b), "\r\n", "\n") }
