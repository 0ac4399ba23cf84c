package invite

import (
	"context"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// AllForecast is what InviteAll would do, counted without doing it: how
// many invitation mails and how many access codes, per integration.
type AllForecast struct {
	Mailed       int                    `json:"mailed"`
	AccessCodes  int                    `json:"accessCodes"`
	Integrations []store.InviteForecast `json:"integrations"`
	// AutoInviteWouldTurnOn: inviting all of one integration also turns its
	// autoInvite on, as InviteAll does.
	AutoInviteWouldTurnOn bool `json:"autoInviteWouldTurnOn"`
}

// ForecastAll counts what InviteAll(in) would send. It writes nothing, not
// even an audit event.
func (s *Service) ForecastAll(ctx context.Context, in *store.Integration) (AllForecast, error) {
	id := ""
	if in != nil {
		id = in.ID
	}
	rows, err := s.Store.InviteForecasts(ctx, id)
	if err != nil {
		return AllForecast{}, fmt.Errorf("invite: forecast: %w", err)
	}
	f := AllForecast{Integrations: rows, AutoInviteWouldTurnOn: in != nil && !in.AutoInvite}
	if f.Integrations == nil {
		f.Integrations = []store.InviteForecast{}
	}
	for _, r := range rows {
		f.Mailed += r.Mailed
		f.AccessCodes += r.AccessCodes
	}
	return f, nil
}
