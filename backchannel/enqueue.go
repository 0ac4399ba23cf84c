package backchannel

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/store"
)

// Args is the River job of one logout token.
type Args struct {
	LogoutID int64 `json:"logoutId"`
}

// Kind names the job in River's table.
func (Args) Kind() string { return "backchannel_logout" }

// MaxAttempts bounds the tries of one logout: with River's attempt^4 s
// backoff the last one is about 11 hours after the first.
const MaxAttempts = 12

// InsertOpts gives logouts their retry budget.
func (Args) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: MaxAttempts} }

// Enqueue records a logout token for every client that asked for them
// about account a and inserts their jobs, in tx (a transaction): call it
// in the transaction that takes a's trust away, before its tokens are
// deleted (their families are the sessions named). Without such a client
// it costs one query.
func Enqueue(ctx context.Context, tx *store.Store, a *store.Account) error {
	clients, err := tx.BackchannelClients(ctx)
	if err != nil || len(clients) == 0 {
		return err
	}
	sessions, err := tx.SignInSessionsOf(ctx, a.ID)
	if err != nil {
		return err
	}
	if len(sessions) == 0 && a.PasswordHash == "" {
		return nil // it never signed in anywhere
	}
	sids := map[string][]string{}
	for _, s := range sessions {
		sids[s.ClientID] = append(sids[s.ClientID], s.SID)
	}
	var params []river.InsertManyParams
	for _, c := range clients {
		list := sids[c.ID]
		if len(list) == 0 {
			if c.BackchannelLogoutSessionRequired {
				continue // no session of ours to name
			}
			list = []string{""}
		}
		for _, sid := range list {
			l := &store.BackchannelLogout{ClientID: c.ID, AccountID: a.ID, SID: sid}
			if err := tx.CreateBackchannelLogout(ctx, l); err != nil {
				return err
			}
			params = append(params, river.InsertManyParams{Args: Args{LogoutID: l.ID}})
		}
	}
	if len(params) == 0 {
		return nil
	}
	if err := jobs.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("backchannel: %w", err)
	}
	return nil
}
