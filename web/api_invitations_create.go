package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// createInvitationsRequest is one of three forms: accountIds, all (with an
// optional integration name or id) or emails; each with an optional message.
type createInvitationsRequest struct {
	AccountIDs  []string `json:"accountIds"`
	All         bool     `json:"all"`
	Integration string   `json:"integration"`
	Emails      string   `json:"emails"`
	Message     string   `json:"message"`
	Method      string   `json:"method"` // link or code; "": each integration's default
	DryRun      bool     `json:"dryRun"` // with all: count, send nothing (also ?dryRun=true)
}

type createInvitationsResponse struct {
	Invited           int                   `json:"invited"`
	AccessCodes       int                   `json:"accessCodes"`
	AlreadyInvited    int                   `json:"alreadyInvited"`
	NotFound          []string              `json:"notFound"`
	Invalid           []string              `json:"invalid"`
	AutoInviteEnabled bool                  `json:"autoInviteEnabled"`
	Results           []invite.InviteResult `json:"results,omitempty"`
}

// maxMessage bounds the custom message an admin may add to the mail.
const maxMessage = 4000

// createInvitations: POST /api/v1/invitations
func (s *Server) createInvitations(w http.ResponseWriter, r *http.Request) {
	var req createInvitationsRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "the body must be a JSON object with accountIds, all or emails")
		return
	}
	forms := 0
	for _, set := range []bool{len(req.AccountIDs) > 0, req.All, strings.TrimSpace(req.Emails) != ""} {
		if set {
			forms++
		}
	}
	if forms != 1 {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "give exactly one of accountIds, all or emails")
		return
	}
	if len(req.Message) > maxMessage {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "message is longer than 4000 characters")
		return
	}
	if _, err := invite.ParseMethod(req.Method); err != nil {
		writeError(w, r, http.StatusBadRequest, "invalid_body", `method must be "link" or "code"`)
		return
	}
	invites := s.Invites.WithMethod(req.Method)
	out := createInvitationsResponse{NotFound: []string{}, Invalid: []string{}}
	var results []invite.InviteResult
	var err error
	req.DryRun = req.DryRun || r.URL.Query().Get("dryRun") == "true"
	if req.DryRun && !req.All {
		writeError(w, r, http.StatusBadRequest, "invalid_body", "dryRun goes with all (a file import has its own dry run)")
		return
	}
	switch {
	case req.All:
		var in *store.Integration
		if req.Integration != "" {
			var ok bool
			if in, ok = s.integrationParam(w, r, req.Integration); !ok {
				return
			}
		}
		if req.DryRun {
			s.forecastAll(w, r, in)
			return
		}
		var res invite.AllResult
		res, err = invites.InviteAll(r.Context(), actor(r), in, req.Message)
		out.Invited, out.AccessCodes, out.AlreadyInvited, out.AutoInviteEnabled =
			res.Invited, res.AccessCodes, res.AlreadyInvited, res.AutoInviteEnabled
	case len(req.AccountIDs) > 0:
		results, err = invites.InviteAccounts(r.Context(), actor(r), req.AccountIDs, req.Message)
	default:
		results, err = invites.InviteEmails(r.Context(), actor(r), req.Emails, req.Message)
	}
	if e, ok := store.AsInvalid(err); ok {
		writeError(w, r, http.StatusBadRequest, "invalid_body", e.Error())
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	tally(results, &out.Invited, &out.AlreadyInvited, &out.NotFound, &out.Invalid)
	out.Results = results
	writeJSON(w, http.StatusOK, out)
}

// forecastAll answers an invite-all dry run: how many mails and access codes,
// per integration; nothing is sent or changed.
func (s *Server) forecastAll(w http.ResponseWriter, r *http.Request, in *store.Integration) {
	f, err := s.Invites.ForecastAll(r.Context(), in)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		DryRun bool `json:"dryRun"`
		invite.AllForecast
	}{true, f})
}

// tally adds up results: the invited and already invited counts, and what
// the admin gave for the addresses or ids not found and the invalid ones.
func tally(results []invite.InviteResult, invited, already *int, notFound, invalid *[]string) {
	for _, res := range results {
		switch res.Outcome {
		case invite.Invited:
			*invited++
		case invite.AlreadyInvited:
			*already++
		case invite.NotFound:
			*notFound = append(*notFound, res.Value)
		case invite.Invalid:
			*invalid = append(*invalid, res.Value)
		}
	}
}
