package web

import (
	"context"
)

// nextStep is one line of the dashboard's first-run checklist: what to do,
// where, and whether it is done.
type nextStep struct {
	ID, Key, Href string
	Done          bool
}

// nextSteps is the first-run checklist, nil once every step is done: create
// an integration, get accounts through it, invite them; and, while no mail
// server is configured, the note that links are copied by hand.
func (s *Server) nextSteps(ctx context.Context, accounts, invitations map[string]int64) ([]nextStep, error) {
	ins, err := s.Store.Integrations(ctx)
	if err != nil {
		return nil, err
	}
	sum := func(m map[string]int64) (n int64) {
		for _, v := range m {
			n += v
		}
		return n
	}
	steps := []nextStep{
		{ID: "integration", Key: "dash.step.integration", Href: "/admin/integrations", Done: len(ins) > 0},
		{ID: "accounts", Key: "dash.step.accounts", Href: "/admin/integrations", Done: sum(accounts) > 0},
		{ID: "invite", Key: "dash.step.invite", Href: "/admin/invitations", Done: sum(invitations) > 0},
	}
	if !s.Config.MailEnabled() {
		steps = append(steps, nextStep{ID: "mail", Key: "dash.step.mail"})
	}
	for _, st := range steps[:3] {
		if !st.Done {
			return steps, nil
		}
	}
	return nil, nil
}

// firstRun reports whether the instance has nothing yet: no integration, no account.
func firstRun(steps []nextStep) bool {
	return len(steps) > 0 && !steps[0].Done && !steps[1].Done
}
