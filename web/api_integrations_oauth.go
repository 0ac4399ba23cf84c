package web

import (
	"net/http"
	"time"

	"github.com/provisiond/provisiond/signin"
	"github.com/provisiond/provisiond/store"
)

// oauthJSON is a SCIM integration's OAuth 2.0 client credentials settings
// (docs/scim-oauth.md): what to enter in the identity provider, and its
// secrets without their value.
type oauthJSON struct {
	ClientID             string            `json:"clientId"`
	TokenEndpoint        string            `json:"tokenEndpoint"`
	Audience             string            `json:"audience"` // the SCIM base URL
	TokenLifetimeSeconds int               `json:"tokenLifetimeSeconds"`
	Secrets              []oauthSecretJSON `json:"secrets"`
	Secret               string            `json:"secret,omitempty"` // the new secret, on create only
	Created              *oauthSecretJSON  `json:"created,omitempty"`
}

type oauthSecretJSON struct {
	ID         string     `json:"id"`
	Prefix     string     `json:"prefix"`
	Valid      bool       `json:"valid"`
	CreatedAt  time.Time  `json:"createdAt"`
	ExpiresAt  *time.Time `json:"expiresAt,omitempty"`
	RetiredAt  *time.Time `json:"retiredAt,omitempty"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty"`
}

func toOAuthSecretJSON(c store.IntegrationSecret, now time.Time) oauthSecretJSON {
	return oauthSecretJSON{ID: c.ID, Prefix: c.Prefix, Valid: c.Valid(now), CreatedAt: c.CreatedAt,
		ExpiresAt: c.ExpiresAt, RetiredAt: c.RetiredAt, LastUsedAt: c.LastUsedAt}
}

// oauthView reads the OAuth settings of integration ref (id or name).
func (s *Server) oauthView(r *http.Request, ref string) (*store.Integration, oauthJSON, error) {
	in, err := s.Store.IntegrationByRef(r.Context(), ref)
	if err != nil {
		return nil, oauthJSON{}, err
	}
	if in.Kind != "scim" {
		return nil, oauthJSON{}, store.Invalid("kind", "only SCIM integrations have OAuth client secrets")
	}
	secs, err := s.Integrations.OAuthSecrets(r.Context(), in.ID)
	if err != nil {
		return nil, oauthJSON{}, err
	}
	out := oauthJSON{ClientID: in.ID, TokenEndpoint: s.Config.BaseURL + "/oidc/oauth/token",
		Audience: s.Config.BaseURL + "/scim/v2", TokenLifetimeSeconds: int(signin.SCIMTokenTTL.Seconds()),
		Secrets: make([]oauthSecretJSON, len(secs))}
	now := store.Now()
	for i, c := range secs {
		out.Secrets[i] = toOAuthSecretJSON(c, now)
	}
	return in, out, nil
}

// getOAuthAPI: GET /api/v1/integrations/{id}/oauth.
func (s *Server) getOAuthAPI(w http.ResponseWriter, r *http.Request) {
	_, out, err := s.oauthView(r, r.PathValue("id"))
	if err != nil {
		s.integrationWriteError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// createOAuthSecretAPI: POST /api/v1/integrations/{id}/oauth/secrets
// ({"overlapSeconds": N}, optional) creates or rotates the client secret
// and returns it this once.
func (s *Server) createOAuthSecretAPI(w http.ResponseWriter, r *http.Request) {
	var body struct {
		OverlapSeconds int64 `json:"overlapSeconds"`
	}
	if r.ContentLength != 0 && !decodeJSON(w, r, &body) {
		return
	}
	if body.OverlapSeconds < 0 || body.OverlapSeconds > int64(100*24*time.Hour/time.Second) {
		s.integrationWriteError(w, r, store.Invalid("overlapSeconds", "must be between 60 and 7776000"))
		return
	}
	in, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	var c *store.IntegrationSecret
	var sec string
	if err == nil {
		c, sec, err = s.Integrations.CreateOAuthSecret(r.Context(), actor(r), in.ID, time.Duration(body.OverlapSeconds)*time.Second)
	}
	var out oauthJSON
	if err == nil {
		_, out, err = s.oauthView(r, in.ID)
	}
	if err != nil {
		s.integrationWriteError(w, r, err)
		return
	}
	created := toOAuthSecretJSON(*c, store.Now())
	out.Secret, out.Created = sec, &created
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, out)
}

// retireOAuthSecretAPI: POST /api/v1/integrations/{id}/oauth/secrets/{secret}/retire.
func (s *Server) retireOAuthSecretAPI(w http.ResponseWriter, r *http.Request) {
	in, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	if err == nil {
		err = s.Integrations.RetireOAuthSecret(r.Context(), actor(r), in.ID, r.PathValue("secret"))
	}
	var out oauthJSON
	if err == nil {
		_, out, err = s.oauthView(r, in.ID)
	}
	if err != nil {
		s.writeFailed(w, r, err, "no such integration or valid secret", "")
		return
	}
	writeJSON(w, http.StatusOK, out)
}
