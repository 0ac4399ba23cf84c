package store

import "time"

// OIDCClient is an application registered to sign its users in through
// provisiond. RedirectURIs and PostLogoutURIs are JSON arrays.
type OIDCClient struct {
	ID             string `gorm:"primaryKey"`
	Name           string
	SecretHash     string // SHA-256 of the client secret; "" for a public client
	RedirectURIs   string `gorm:"column:redirect_uris"`
	PostLogoutURIs string `gorm:"column:post_logout_redirect_uris"`
	// BackchannelLogoutURI receives logout tokens ("": none; backchannel/).
	BackchannelLogoutURI string `gorm:"column:backchannel_logout_uri"`
	// BackchannelLogoutSessionRequired: every logout token must carry a sid.
	BackchannelLogoutSessionRequired bool `gorm:"column:backchannel_logout_session_required"`
	Disabled                         bool
	CreatedAt                        time.Time
	UpdatedAt                        time.Time
}

// TableName pins the table.
func (OIDCClient) TableName() string { return "oidc_clients" }

// SigningKey is a token signing key; the private key is sealed with the
// server's secret key.
type SigningKey struct {
	ID               string `gorm:"primaryKey"`
	Algorithm        string
	PrivateKeySealed []byte
	CreatedAt        time.Time
	ExpiresAt        time.Time // published until then; used for signing while young
}

// TableName pins the table.
func (SigningKey) TableName() string { return "oidc_signing_keys" }

// AuthRequest is one OpenID Connect authorization request, from the
// application's redirect to the code exchange.
type AuthRequest struct {
	ID                  string `gorm:"primaryKey"`
	ClientID            string
	RedirectURI         string
	Scopes              string // space-separated
	State               string
	Nonce               string
	ResponseType        string
	ResponseMode        string
	CodeChallenge       string
	CodeChallengeMethod string
	UILocales           string
	LoginHint           string
	AccountID           *string // set once the person signed in
	AuthTime            *time.Time
	CodeHMAC            *string `gorm:"column:code_hmac"`
	CodeUsedAt          *time.Time
	CreatedAt           time.Time
	ExpiresAt           time.Time
}

// TableName pins the table.
func (AuthRequest) TableName() string { return "oidc_auth_requests" }

// Kinds of OIDCToken.
const (
	TokenAccess  = "access"
	TokenRefresh = "refresh"
)

// OIDCToken is an issued access token (looked up by id) or refresh token
// (looked up by the HMAC of its value). A refresh token is a sign-in session.
// The tokens of one grant (a code exchange and every refresh rotated from
// it) share a FamilyID, so that a replayed refresh token revokes them all.
type OIDCToken struct {
	ID        string `gorm:"primaryKey"`
	Kind      string
	ClientID  string
	AccountID string
	FamilyID  string
	RefreshID *string // access tokens: the refresh token they came with
	TokenHMAC *string `gorm:"column:token_hmac"`
	Scopes    string
	Audience  string
	AMR       string `gorm:"column:amr"`
	AuthTime  time.Time
	CreatedAt time.Time
	ExpiresAt time.Time
}

// TableName pins the table.
func (OIDCToken) TableName() string { return "oidc_tokens" }

// PasswordReset is a single-use password reset token, stored as an HMAC.
type PasswordReset struct {
	ID        string `gorm:"primaryKey"`
	AccountID string
	TokenHMAC string `gorm:"column:token_hmac"`
	Email     string // the address the link was issued for; it works only while the account has it
	CreatedBy string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// TableName pins the table.
func (PasswordReset) TableName() string { return "password_resets" }
