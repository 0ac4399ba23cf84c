package invite

import (
	"context"
	"strings"
	"time"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/store"
)

// notifyTimeout bounds one registration notice; it runs after the response.
const notifyTimeout = 30 * time.Second

// notifyRegistration tells the distribution list (RegistrationNotify) that account a
// registered (through source, when named). It runs after the commit, in the background, and only
// logs failures: a notice must never undo or delay a claim.
func (c *Claims) notifyRegistration(ctx context.Context, a *store.Account, source string) {
	if c.Mailer == nil || strings.TrimSpace(c.RegistrationNotify) == "" {
		return
	}
	name := a.DisplayName
	if name == "" {
		name = strings.TrimSpace(a.GivenName + " " + a.FamilyName)
	}
	if name == "" {
		name = a.UserName
	}
	data := mail.Data{OrgName: c.OrgName, AccountName: name, AccountEmail: a.Email, Integration: source}
	if source == "" && a.IntegrationID != nil {
		if in, err := c.Store.IntegrationByID(ctx, *a.IntegrationID); err == nil {
			data.Integration = in.Name
		}
	}
	msg, err := mail.Render(mail.KindRegistrationNotice, "en", data)
	if err != nil {
		c.log().ErrorContext(ctx, "registration notice: render", "account_id", a.ID, "err", err)
		return
	}
	ctx = context.WithoutCancel(ctx)
	go func() {
		ctx, cancel := context.WithTimeout(ctx, notifyTimeout)
		defer cancel()
		for _, to := range strings.Split(c.RegistrationNotify, ",") {
			if to = strings.TrimSpace(to); to == "" {
				continue
			}
			if err := c.Mailer.Send(ctx, mail.Outgoing{To: to, Message: msg}); err != nil {
				c.log().WarnContext(ctx, "registration notice not sent", "account_id", a.ID, "err", err)
			}
		}
	}()
}
