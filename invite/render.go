package invite

import (
	"context"
	"fmt"
	"time"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// render builds the invitation mail for a in its language: a claim link, or
// with method code the one-time code raw (its QR image is inlined) and the
// /code address instead.
func (s *Service) render(a *store.Account, method, message, raw string, expires time.Time) (mail.Message, error) {
	return s.renderKind(mail.KindInvitation, a, method, message, raw, expires)
}

// renderKind is render with the mail kind of a claim link (an invitation,
// or a sign-up's confirmation).
func (s *Service) renderKind(kind string, a *store.Account, method, message, raw string, expires time.Time) (mail.Message, error) {
	name := a.DisplayName
	if name == "" {
		name = a.GivenName
	}
	data := mail.Data{OrgName: s.Config.OrgName, RecipientName: name, CustomMessage: message,
		Link: s.ClaimLink(raw), ExpiresAt: expires}
	if method == MethodCode {
		kind, data.Link, data.Code = mail.KindInvitationCode, s.CodeAddress(), raw
	}
	return mail.Render(kind, ui.Pick(a.PreferredLanguage, a.Locale), data)
}

// renderFor builds the mail of invitation inv whose secret is raw: a
// sign-up's (inv.LinkID set) asks its reader to confirm the address.
func (s *Service) renderFor(a *store.Account, inv *store.Invitation, raw string, expires time.Time) (mail.Message, error) {
	kind := mail.KindInvitation
	if inv.LinkID != nil {
		kind = mail.KindSignUpConfirmation
	}
	return s.renderKind(kind, a, inv.Method, inv.Message, raw, expires)
}

// Preview is a rendered invitation, not sent.
type Preview struct {
	Subject string `json:"subject"`
	Text    string `json:"text"`
	HTML    string `json:"html"`
	Lang    string `json:"language"`
}

// PreviewToken stands in for the claim token in previews.
const PreviewToken = "PREVIEW-ONLY-NOT-A-VALID-LINK"

// PreviewCode stands in for the one-time code in previews of code
// invitations: it is outside the alphabet codes are drawn from (it holds
// O, I and L), so it can never open anything.
const PreviewCode = "PREV-IEWO-NLYX-XXXX"

// Preview renders the invitation that account accountID would get (or, with
// accountID empty, a sample in lang) with message, without sending it.
func (s *Service) Preview(ctx context.Context, accountID, lang, message string) (Preview, error) {
	a := &store.Account{DisplayName: "Alex Example", PreferredLanguage: lang}
	if accountID != "" {
		var err error
		if a, err = s.Store.AccountByID(ctx, accountID); err != nil {
			return Preview{}, fmt.Errorf("invite: preview: %w", notFound(err))
		}
		if lang != "" {
			a.PreferredLanguage, a.Locale = lang, ""
		}
	}
	method, raw := s.methodFor(nil), PreviewToken
	if method == MethodCode {
		raw = PreviewCode
	}
	m, err := s.render(a, method, message, raw, now().Add(s.Config.InviteTTL))
	if err != nil {
		return Preview{}, err
	}
	return Preview{Subject: m.Subject, Text: m.Text, HTML: m.HTML, Lang: ui.Pick(a.PreferredLanguage, a.Locale)}, nil
}
