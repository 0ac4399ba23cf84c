package web

import (
	"net/http"
	"time"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// clientJSON is an OpenID Connect client (the application) as the admin
// API shows it; Secret only in the answers that create or rotate it.
type clientJSON struct {
	ID                     string   `json:"id"`
	Name                   string   `json:"name"`
	Public                 bool     `json:"public"`
	Disabled               bool     `json:"disabled"`
	RedirectURIs           []string `json:"redirectUris"`
	PostLogoutRedirectURIs []string `json:"postLogoutRedirectUris"`
	// BackchannelLogoutURI receives logout tokens (docs/backchannel-logout.md).
	BackchannelLogoutURI             string    `json:"backchannelLogoutUri"`
	BackchannelLogoutSessionRequired bool      `json:"backchannelLogoutSessionRequired"`
	Issuer                           string    `json:"issuer"`
	CreatedAt                        time.Time `json:"createdAt"`
	UpdatedAt                        time.Time `json:"updatedAt"`
	Secret                           string    `json:"secret,omitempty"`
}

func (s *Server) toClientJSON(c *store.OIDCClient, sec string) clientJSON {
	r, l := signin.ClientURIs(c)
	if r == nil {
		r = []string{}
	}
	if l == nil {
		l = []string{}
	}
	return clientJSON{ID: c.ID, Name: c.Name, Public: c.SecretHash == "", Disabled: c.Disabled,
		RedirectURIs: r, PostLogoutRedirectURIs: l, Issuer: s.Config.BaseURL + "/oidc",
		BackchannelLogoutURI: c.BackchannelLogoutURI, BackchannelLogoutSessionRequired: c.BackchannelLogoutSessionRequired,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, Secret: sec}
}

// clientRequest is the body of POST and PATCH /api/v1/clients.
type clientRequest struct {
	Name                   *string  `json:"name"`
	RedirectURIs           []string `json:"redirectUris"`
	PostLogoutRedirectURIs []string `json:"postLogoutRedirectUris"`
	// BackchannelLogoutURI: "" removes it; absent keeps it.
	BackchannelLogoutURI             *string `json:"backchannelLogoutUri"`
	BackchannelLogoutSessionRequired *bool   `json:"backchannelLogoutSessionRequired"`
	Public                           bool    `json:"public"`
	Disabled                         *bool   `json:"disabled"`
	RotateSecret                     bool    `json:"rotateSecret"` // PATCH only
}

func (q clientRequest) input() integration.ClientInput {
	return integration.ClientInput{Name: q.Name, RedirectURIs: q.RedirectURIs,
		PostLogoutURIs: q.PostLogoutRedirectURIs, Public: q.Public, Disabled: q.Disabled,
		BackchannelLogoutURI: q.BackchannelLogoutURI, BackchannelLogoutSessionRequired: q.BackchannelLogoutSessionRequired}
}

// listClients answers GET /api/v1/clients.
func (s *Server) listClients(w http.ResponseWriter, r *http.Request) {
	cs, err := s.Store.OIDCClients(r.Context())
	answerList(s, w, r, cs, int64(len(cs)), err, func(c *store.OIDCClient) clientJSON { return s.toClientJSON(c, "") })
}

// getClient answers GET /api/v1/clients/{id}.
func (s *Server) getClient(w http.ResponseWriter, r *http.Request) {
	c, err := s.Store.OIDCClientByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.clientError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.toClientJSON(c, ""))
}

// createClient answers POST /api/v1/clients with the client and its secret, shown once.
func (s *Server) createClient(w http.ResponseWriter, r *http.Request) {
	var q clientRequest
	if !decodeJSON(w, r, &q) {
		return
	}
	c, sec, err := s.Integrations.CreateClient(r.Context(), actor(r), q.input())
	if err != nil {
		s.clientError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/clients/"+c.ID)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, s.toClientJSON(c, sec))
}

// patchClient answers PATCH /api/v1/clients/{id}; rotateSecret returns a new secret once.
func (s *Server) patchClient(w http.ResponseWriter, r *http.Request) {
	var q clientRequest
	if !decodeJSON(w, r, &q) {
		return
	}
	c, sec, err := s.Integrations.UpdateClient(r.Context(), actor(r), r.PathValue("id"), q.input(), q.RotateSecret)
	if err != nil {
		s.clientError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, s.toClientJSON(c, sec))
}

// deleteClient answers DELETE /api/v1/clients/{id}: its sessions end too.
func (s *Server) deleteClient(w http.ResponseWriter, r *http.Request) {
	if err := s.Integrations.DeleteClient(r.Context(), actor(r), r.PathValue("id")); err != nil {
		s.clientError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) clientError(w http.ResponseWriter, r *http.Request, err error) {
	s.writeFailed(w, r, err, "no such client", "a client with that name already exists")
}
