package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

// linkJSON is a multi-use invitation link as the admin API shows it. URL is
// set only in the answer to its creation: the token is not kept.
type linkJSON struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	MaxUses         int       `json:"maxUses"`
	Uses            int       `json:"uses"`
	RequireApproval bool      `json:"requireApproval"`
	AllowedDomains  []string  `json:"allowedDomains"` // empty: any domain
	ExpiresAt       time.Time `json:"expiresAt"`
	Expired         bool      `json:"expired"`
	CreatedBy       string    `json:"createdBy,omitempty"`
	CreatedAt       time.Time `json:"createdAt"`
	URL             string    `json:"url,omitempty"`
}

func toLinkJSON(l *store.InvitationLink) linkJSON {
	return linkJSON{ID: l.ID, Name: l.Name, MaxUses: l.MaxUses, Uses: l.Uses, RequireApproval: l.RequireApproval,
		AllowedDomains: append([]string{}, strings.Fields(l.AllowedDomains)...), ExpiresAt: l.ExpiresAt, Expired: !l.ExpiresAt.After(time.Now()), CreatedBy: l.CreatedBy, CreatedAt: l.CreatedAt}
}

// linkRequest is the body of POST /api/v1/invitation-links.
type linkRequest struct {
	Name            string     `json:"name"`
	MaxUses         int        `json:"maxUses"`
	ExpiresAt       *time.Time `json:"expiresAt"` // default: the invitation TTL from now
	RequireApproval bool       `json:"requireApproval"`
	AllowedDomains  []string   `json:"allowedDomains"` // sign-ups only with an address at one of these
}

// createLink answers POST /api/v1/invitation-links with the link and its
// absolute url, shown this once.
func (s *Server) createLink(w http.ResponseWriter, r *http.Request) {
	var req linkRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
		writeError(w, r, http.StatusBadRequest, "invalid_json", "the body must be a JSON object with name, maxUses, expiresAt, requireApproval and allowedDomains")
		return
	}
	in := invite.LinkInput{Name: req.Name, MaxUses: req.MaxUses, RequireApproval: req.RequireApproval,
		AllowedDomains: req.AllowedDomains, ExpiresAt: time.Now().Add(time.Duration(s.Config.InviteTTL))}
	if req.ExpiresAt != nil {
		in.ExpiresAt = *req.ExpiresAt
	}
	p, _ := PrincipalFrom(r.Context())
	l, url, err := s.Claims.CreateLink(r.Context(), p.Actor, in)
	if e, ok := store.AsInvalid(err); ok {
		writeError(w, r, http.StatusBadRequest, "invalid", e.Error())
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	out := toLinkJSON(l)
	out.URL = url
	w.Header().Set("Location", "/api/v1/invitation-links/"+l.ID)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, out)
}
