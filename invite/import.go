package invite

import (
	"context"
	"fmt"
)

// ImportReport is one line of the import report (README: invite --file).
type ImportReport struct {
	Row     int     `json:"row"`
	Value   string  `json:"value"`
	Outcome Outcome `json:"result"`
	// AccessCode: invited with an access code (no email), as InviteResult's.
	AccessCode bool   `json:"accessCode,omitempty"`
	Reason     string `json:"reason,omitempty"`
	AccountID  string `json:"accountId,omitempty"`
	Link       string `json:"-"` // as InviteResult.Link
}

// Import invites the accounts named by f, each row on its own and
// atomically: invalid or unknown rows never block valid ones. With dryRun
// nothing changes and the report says what would happen.
func (s *Service) Import(ctx context.Context, actor string, f *ImportFile, message string, dryRun bool) ([]ImportReport, error) {
	out := make([]ImportReport, 0, len(f.Rows))
	for _, row := range f.Rows {
		rs, err := s.inviteMatch(ctx, actor, f.By, row.Value, message, dryRun)
		if err != nil {
			return out, fmt.Errorf("invite: import row %d: %w", row.Row, err)
		}
		for _, r := range rs {
			out = append(out, ImportReport{Row: row.Row, Value: row.Value, Outcome: r.Outcome, AccessCode: r.AccessCode,
				Reason: r.Reason, AccountID: r.AccountID, Link: r.Link})
		}
	}
	return out, nil
}
