package signin

import (
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"

	"github.com/provisiond/provisiond/store"
)

// authRequest adapts a stored request to op.AuthRequest.
type authRequest struct{ r *store.AuthRequest }

func (a authRequest) GetID() string  { return a.r.ID }
func (a authRequest) GetACR() string { return "" }
func (a authRequest) GetAMR() []string {
	if a.Done() {
		return []string{"pwd"}
	}
	return nil
}
func (a authRequest) GetAudience() []string { return []string{a.r.ClientID} }
func (a authRequest) GetAuthTime() time.Time {
	if a.r.AuthTime == nil {
		return time.Time{}
	}
	return *a.r.AuthTime
}
func (a authRequest) GetClientID() string { return a.r.ClientID }
func (a authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	if a.r.CodeChallenge == "" {
		return nil
	}
	return &oidc.CodeChallenge{Challenge: a.r.CodeChallenge, Method: oidc.CodeChallengeMethod(a.r.CodeChallengeMethod)}
}
func (a authRequest) GetNonce() string                   { return a.r.Nonce }
func (a authRequest) GetRedirectURI() string             { return a.r.RedirectURI }
func (a authRequest) GetResponseType() oidc.ResponseType { return oidc.ResponseType(a.r.ResponseType) }
func (a authRequest) GetResponseMode() oidc.ResponseMode { return oidc.ResponseMode(a.r.ResponseMode) }
func (a authRequest) GetScopes() []string                { return strings.Fields(a.r.Scopes) }
func (a authRequest) GetState() string                   { return a.r.State }
func (a authRequest) GetSubject() string {
	if a.r.AccountID == nil {
		return ""
	}
	return *a.r.AccountID
}
func (a authRequest) Done() bool { return a.r.AccountID != nil }

// fromOIDC turns a parsed authorization request into a row to store.
func fromOIDC(in *oidc.AuthRequest, expires time.Time) *store.AuthRequest {
	r := &store.AuthRequest{
		ClientID: in.ClientID, RedirectURI: in.RedirectURI, Scopes: strings.Join(in.Scopes, " "),
		State: in.State, Nonce: in.Nonce, ResponseType: string(in.ResponseType),
		ResponseMode: string(in.ResponseMode), CodeChallenge: in.CodeChallenge,
		CodeChallengeMethod: string(in.CodeChallengeMethod), LoginHint: in.LoginHint,
		ExpiresAt: expires,
	}
	var locales []string
	for _, l := range in.UILocales {
		locales = append(locales, l.String())
	}
	r.UILocales = strings.Join(locales, ",")
	return r
}

// refreshRequest adapts a refresh token to op.RefreshTokenRequest.
type refreshRequest struct {
	t      *store.OIDCToken
	scopes []string
}

func (r *refreshRequest) GetAMR() []string            { return strings.Fields(r.t.AMR) }
func (r *refreshRequest) GetAudience() []string       { return strings.Fields(r.t.Audience) }
func (r *refreshRequest) GetAuthTime() time.Time      { return r.t.AuthTime }
func (r *refreshRequest) GetClientID() string         { return r.t.ClientID }
func (r *refreshRequest) GetScopes() []string         { return r.scopes }
func (r *refreshRequest) GetSubject() string          { return r.t.AccountID }
func (r *refreshRequest) SetCurrentScopes(s []string) { r.scopes = s }
