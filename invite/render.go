package invite

import (
	"context"
	"fmt"
	"time"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/store"
)

// render builds the invitation mail for a in its language.
func (s *Service) render(a *store.Account, message, link string, expires time.Time) (mail.Message, error) {
	name := a.DisplayName
	if name == "" {
		name = a.GivenName
	}
	data := mail.Data{OrgName: s.Config.OrgName, RecipientName: name, CustomMessage: message,
		Link: link, ExpiresAt: expires}
	return mail.Render(mail.KindInvitation, mail.PickLanguage(a.PreferredLanguage, a.Locale), data)
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
	m, err := s.render(a, message, s.ClaimLink(PreviewToken), now().Add(s.Config.InviteTTL))
	if err != nil {
		return Preview{}, err
	}
	return Preview{Subject: m.Subject, Text: m.Text, HTML: m.HTML, Lang: mail.PickLanguage(a.PreferredLanguage, a.Locale)}, nil
}
