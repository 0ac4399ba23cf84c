package signin

import (
	"context"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// checkPKCE applies the OAuth 2.0 Security BCP (RFC 9700) to an
// authorization request: a code challenge uses S256, never plain (whoever
// sees the request would hold the verifier), and a public client, which
// has no secret to prove the code is its own, must send one. pkg/op checks
// the verifier at the code exchange (and, for public clients, that there
// was a challenge); AuthRequestByCode refuses plain there as well.
func (s *storage) checkPKCE(ctx context.Context, in *oidc.AuthRequest) error {
	if in.CodeChallenge != "" {
		if in.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
			return oidc.ErrInvalidRequest().WithDescription("code_challenge_method must be S256")
		}
		return nil
	}
	c, err := s.p.Store.OIDCClientByID(ctx, in.ClientID)
	if err != nil {
		return err
	}
	if c.SecretHash == "" {
		return oidc.ErrInvalidRequest().WithDescription("this client must use PKCE: send code_challenge with code_challenge_method S256")
	}
	return nil
}
