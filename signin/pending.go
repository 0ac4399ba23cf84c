package signin

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
)

// An authorization request waiting for its sign-in is not stored: anyone
// may send /oidc/authorize, and a row per request would let a stranger
// fill the database. The request travels instead in its own id, sealed
// (AES-GCM, secret.Keys) with its expiry: /oidc/authorize redirects to
// /signin?id=<sealed request>, and only a successful sign-in stores a row
// (completed: account and time set), whose plain id the callback and the
// code exchange use. A sealed id cannot be forged or altered, and expires
// like a stored request (AuthRequestTTL).

// pendingPrefix starts the id of a sealed, not yet signed-in request.
const pendingPrefix = "p1."

// maxPendingID bounds a sealed id: it travels in a redirect and a form.
const maxPendingID = 6 << 10

const aadPending = "oidc-pending-auth-request"

// errRequestTooLarge refuses an authorization request whose parameters
// would not fit in maxPendingID.
var errRequestTooLarge = errors.New("signin: authorization request too large")

// pending is a sealed request's content; short keys keep ids short.
type pending struct {
	ClientID      string `json:"c"`
	RedirectURI   string `json:"r"`
	Scopes        string `json:"s,omitempty"`
	State         string `json:"st,omitempty"`
	Nonce         string `json:"n,omitempty"`
	ResponseType  string `json:"rt"`
	ResponseMode  string `json:"rm,omitempty"`
	Challenge     string `json:"cc,omitempty"`
	ChallengeHow  string `json:"cm,omitempty"`
	UILocales     string `json:"l,omitempty"`
	LoginHint     string `json:"h,omitempty"`
	ExpiresAtUnix int64  `json:"e"`
}

// sealRequest gives r (not stored) its sealed id.
func (p *Provider) sealRequest(r *store.AuthRequest) error {
	b, err := json.Marshal(pending{ClientID: r.ClientID, RedirectURI: r.RedirectURI, Scopes: r.Scopes,
		State: r.State, Nonce: r.Nonce, ResponseType: r.ResponseType, ResponseMode: r.ResponseMode,
		Challenge: r.CodeChallenge, ChallengeHow: r.CodeChallengeMethod, UILocales: r.UILocales,
		LoginHint: r.LoginHint, ExpiresAtUnix: r.ExpiresAt.Unix()})
	if err != nil {
		return err
	}
	sealed, err := p.Keys.Seal(b, aadPending)
	if err != nil {
		return err
	}
	id := pendingPrefix + base64.RawURLEncoding.EncodeToString(sealed)
	if len(id) > maxPendingID {
		return errRequestTooLarge
	}
	r.ID = id
	return nil
}

// openRequest returns the request sealed in id; store.ErrNotFound when id
// is not a sealed request of ours or has expired.
func (p *Provider) openRequest(id string) (*store.AuthRequest, error) {
	raw, ok := strings.CutPrefix(id, pendingPrefix)
	if !ok || len(id) > maxPendingID {
		return nil, store.ErrNotFound
	}
	sealed, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return nil, store.ErrNotFound
	}
	b, err := p.Keys.Open(sealed, aadPending)
	if err != nil {
		return nil, store.ErrNotFound
	}
	var v pending
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, store.ErrNotFound
	}
	expires := time.Unix(v.ExpiresAtUnix, 0).UTC()
	if !store.Now().Before(expires) {
		return nil, store.ErrNotFound
	}
	return &store.AuthRequest{ID: id, ClientID: v.ClientID, RedirectURI: v.RedirectURI, Scopes: v.Scopes,
		State: v.State, Nonce: v.Nonce, ResponseType: v.ResponseType, ResponseMode: v.ResponseMode,
		CodeChallenge: v.Challenge, CodeChallengeMethod: v.ChallengeHow, UILocales: v.UILocales,
		LoginHint: v.LoginHint, ExpiresAt: expires}, nil
}

// signedIn is the row to store for ar once accountID signed in: completed,
// under a new plain id (set by the store), for the callback and the code
// exchange; it expires with the request.
func signedIn(ar *store.AuthRequest, accountID string) *store.AuthRequest {
	now := store.Now()
	row := *ar
	row.ID, row.AccountID, row.AuthTime = "", &accountID, &now
	return &row
}
