package signin

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"

	"github.com/provisiond/provisiond/store"
)

// Extra scopes: each adds its claim (profile adds both as well).
const (
	ScopeGroups = "groups"
	ScopeRoles  = "roles"
)

var supportedScopes = []string{oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopeEmail,
	oidc.ScopeOfflineAccess, ScopeGroups, ScopeRoles}

var supportedClaims = []string{"sub", "aud", "exp", "iat", "iss", "auth_time", "nonce", "amr", "at_hash", "sid",
	"name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "locale",
	"email", "email_verified", "userType", "roles", "groups"}

func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil // deprecated by pkg/op in favour of SetUserinfoFromRequest
}

func (s *storage) SetUserinfoFromRequest(ctx context.Context, u *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	a, err := s.p.liveAccount(ctx, req.GetSubject())
	if err != nil {
		return err
	}
	if sid := s.p.sessionID(req); sid != "" { // ID tokens only: back-channel logouts name it (backchannel.go)
		u.AppendClaims("sid", sid)
	}
	return s.p.setClaims(ctx, u, a, scopes)
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, u *oidc.UserInfo, tokenID, subject, _ string) error {
	_, err := s.tokenClaims(ctx, u, tokenID, subject)
	return err
}

// tokenClaims fills u with what the scopes of the live token tokenID
// (liveToken) allow of its account, and returns the token.
func (s *storage) tokenClaims(ctx context.Context, u *oidc.UserInfo, tokenID, subject string) (*store.OIDCToken, error) {
	a, err := s.liveToken(ctx, tokenID, subject)
	if err != nil {
		return nil, err
	}
	t, err := s.p.Store.OIDCTokenByID(ctx, tokenID)
	if err != nil {
		return nil, err
	}
	return t, s.p.setClaims(ctx, u, a, strings.Fields(t.Scopes))
}

func (s *storage) SetIntrospectionFromToken(ctx context.Context, r *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	u := new(oidc.UserInfo)
	t, err := s.tokenClaims(ctx, u, tokenID, subject)
	if err != nil {
		return err
	}
	r.SetUserInfo(u)
	r.Scope = strings.Fields(t.Scopes)
	r.ClientID = t.ClientID
	r.Audience = strings.Fields(t.Audience)
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return map[string]any{}, nil // access tokens are opaque
}

// setClaims fills u with what scopes allow of account a.
func (p *Provider) setClaims(ctx context.Context, u *oidc.UserInfo, a *store.Account, scopes []string) error {
	u.Subject = a.ID
	profile := slices.Contains(scopes, oidc.ScopeProfile)
	if profile {
		u.Name = displayName(a)
		u.GivenName, u.FamilyName, u.MiddleName, u.Nickname = a.GivenName, a.FamilyName, a.MiddleName, a.NickName
		u.PreferredUsername = a.UserName
		if tag, err := language.Parse(firstNonEmpty(a.PreferredLanguage, a.Locale)); err == nil {
			u.Locale = oidc.NewLocale(tag)
		}
		u.UpdatedAt = oidc.FromTime(a.UpdatedAt)
		u.AppendClaims("userType", a.UserType)
	}
	if slices.Contains(scopes, oidc.ScopeEmail) && a.Email != "" {
		u.Email = a.Email
		// The claim link went to this address (or an admin vouched for it).
		u.EmailVerified = oidc.Bool(a.ClaimedAt != nil)
	}
	if profile || slices.Contains(scopes, ScopeRoles) {
		u.AppendClaims("roles", roles(a.Attributes))
	}
	if profile || slices.Contains(scopes, ScopeGroups) {
		gs, err := p.Store.GroupClaimsOfAccount(ctx, a.ID)
		if err != nil {
			return err
		}
		groups := make([]string, 0, len(gs))
		for _, g := range gs {
			groups = append(groups, groupName(g))
		}
		u.AppendClaims("groups", groups)
	}
	return nil
}

// groupName is a group's value in the groups claim: its displayName while
// no other group bears that name (case-insensitively, in any integration),
// else "<integration name>/<displayName>" ("/<displayName>" without an
// integration). Applications grant access by these values, so two
// integrations' "Admins" must not read the same: an IdP or directory that
// adds its own "Admins" turns both into qualified names (access keyed on
// the plain name is lost, never gained). A displayName containing "/" is
// always qualified, so a plain value never equals a qualified one, and
// integration names cannot contain "/" (web/, cmd/), so the prefix ends at
// the first "/".
func groupName(g store.GroupClaim) string {
	if !g.Shared && !strings.Contains(g.DisplayName, "/") {
		return g.DisplayName
	}
	return g.IntegrationName + "/" + g.DisplayName
}

func displayName(a *store.Account) string {
	return firstNonEmpty(a.DisplayName, a.FormattedName,
		strings.TrimSpace(a.GivenName+" "+a.FamilyName), a.UserName)
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

// roles reads the SCIM roles attribute (values, else displays) from the
// account's extra attributes.
func roles(attrs string) []string {
	var m struct {
		Roles []struct {
			Value   string `json:"value"`
			Display string `json:"display"`
		} `json:"roles"`
	}
	out := []string{}
	if json.Unmarshal([]byte(attrs), &m) != nil {
		return out
	}
	for _, r := range m.Roles {
		if v := firstNonEmpty(r.Value, r.Display); v != "" {
			out = append(out, v)
		}
	}
	return out
}
