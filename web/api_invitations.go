package web

import (
	"net/http"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// invitationJSON is an invitation as the admin API shows it.
type invitationJSON struct {
	ID            string     `json:"id"`
	AccountID     string     `json:"accountId"`
	IntegrationID *string    `json:"integrationId,omitempty"`
	Status        string     `json:"status"`
	Delivery      string     `json:"delivery"`
	Method        string     `json:"method"` // link or code
	LastError     string     `json:"lastError,omitempty"`
	LastReply     string     `json:"lastReply,omitempty"` // the SMTP server's reply to the last failed attempt
	Email         string     `json:"email"`
	Message       string     `json:"message,omitempty"`
	SentCount     int        `json:"sentCount"`
	NotBefore     *time.Time `json:"notBefore,omitempty"`
	FirstSentAt   *time.Time `json:"firstSentAt,omitempty"`
	LastSentAt    *time.Time `json:"lastSentAt,omitempty"`
	ExpiresAt     *time.Time `json:"expiresAt,omitempty"`
	UsedAt        *time.Time `json:"usedAt,omitempty"`
	DecidedAt     *time.Time `json:"decidedAt,omitempty"`
	CreatedBy     string     `json:"createdBy"`
	CreatedAt     time.Time  `json:"createdAt"`
	UpdatedAt     time.Time  `json:"updatedAt"`
}

func toInvitationJSON(i *store.Invitation) invitationJSON {
	return invitationJSON{ID: i.ID, AccountID: i.AccountID, IntegrationID: i.IntegrationID, Status: i.Status,
		Delivery: i.Delivery, Method: i.Method, LastError: i.DeliveryError, LastReply: i.DeliveryReply, Email: i.Email, Message: i.Message, SentCount: i.SentCount,
		NotBefore: i.NotBefore, FirstSentAt: i.FirstSentAt, LastSentAt: i.LastSentAt, ExpiresAt: i.ExpiresAt,
		UsedAt: i.UsedAt, DecidedAt: i.DecidedAt, CreatedBy: i.CreatedBy, CreatedAt: i.CreatedAt, UpdatedAt: i.UpdatedAt}
}

// listInvitations: GET /api/v1/invitations?status=&accountId=&integration=&q=&limit=&offset=
func (s *Server) listInvitations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset := page(r)
	f := store.InvitationQuery{Status: q.Get("status"), AccountID: q.Get("accountId"), Q: q.Get("q"), Limit: limit, Offset: offset}
	var ok bool
	if f.IntegrationID, ok = s.integrationFilter(w, r); !ok {
		return
	}
	invs, total, err := s.Store.ListInvitations(r.Context(), f)
	answerList(s, w, r, invs, total, err, toInvitationJSON)
}

// inviteRefusals are the answers to the invite package's errors.
var inviteRefusals = []refusal{
	{invite.ErrNotFound, http.StatusNotFound, "not_found", "no such invitation or account"},
	{invite.ErrExpired, http.StatusConflict, "expired", "the invitation has expired; send a new invitation"},
	{invite.ErrState, http.StatusConflict, "invalid_state", "not allowed in the invitation's current status"},
	{invite.ErrNotInvitable, http.StatusConflict, "invalid_state", "the account cannot be given a code: it is suspended or already claimed"},
	{invite.ErrLinkNotKept, http.StatusConflict, "link_not_kept", "this invitation has no link to show again (delivered by code, or sent before links were kept); POST .../link regenerates one, and the old one stops working"},
	{invite.ErrNoCode, http.StatusNotFound, "not_found", "the account has no live access code"},
}

// inviteError answers the invite package's errors; the rest are internal.
func (s *Server) inviteError(w http.ResponseWriter, r *http.Request, err error) {
	if !refuse(w, r, err, inviteRefusals) {
		s.internalError(w, r, err)
	}
}

// actor is the audit name of the request's admin.
func actor(r *http.Request) string {
	p, _ := PrincipalFrom(r.Context())
	return p.Actor
}
