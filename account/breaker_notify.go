package account

import (
	"context"
	"log/slog"
	"time"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/store"
)

// MailNotifier mails every owner (admins with role owner) when a breaker
// trips. Without a Sender (no SMTP) it only logs that nobody was mailed.
type MailNotifier struct {
	Store   *store.Store
	Sender  mail.Sender // nil: no SMTP
	OrgName string
	BaseURL string // the console link is built from it
	Log     *slog.Logger
}

// notifyTimeout bounds the mails of one trip; they are sent after the response.
const notifyTimeout = 60 * time.Second

// BreakerTripped renders the breaker_tripped mail and sends it to the owners
// in the background; failures are logged, never returned.
func (m *MailNotifier) BreakerTripped(ctx context.Context, t Trip) {
	log := m.Log
	if log == nil {
		log = slog.Default()
	}
	if m.Sender == nil {
		log.WarnContext(ctx, "breaker tripped: no SMTP configured, owners were not mailed", "integration_id", t.IntegrationID)
		return
	}
	ctx = context.WithoutCancel(ctx)
	go func() {
		ctx, cancel := context.WithTimeout(ctx, notifyTimeout)
		defer cancel()
		admins, err := m.Store.Admins(ctx)
		if err != nil {
			log.ErrorContext(ctx, "breaker tripped: list owners", "err", err)
			return
		}
		held, err := m.Store.CountPendingHeld(ctx, t.IntegrationID)
		if err != nil {
			log.ErrorContext(ctx, "breaker tripped: count held changes", "err", err)
			return
		}
		data := mail.Data{OrgName: m.OrgName, Integration: t.Integration, Held: int(held),
			Link: m.BaseURL + "/admin/integrations/" + t.IntegrationID + "/held-changes"}
		msg, err := mail.Render(mail.KindBreakerTripped, "en", data)
		if err != nil {
			log.ErrorContext(ctx, "breaker tripped: render mail", "err", err)
			return
		}
		for _, a := range admins {
			if a.Role != "owner" || a.Disabled || a.Email == "" {
				continue
			}
			if err := m.Sender.Send(ctx, mail.Outgoing{To: a.Email, ToName: a.Name, Message: msg}); err != nil {
				log.WarnContext(ctx, "breaker tripped: mail to owner not sent", "admin_id", a.ID, "err", err)
			}
		}
	}()
}
