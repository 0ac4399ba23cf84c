package invite

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Config holds the settings invitations depend on, from config.Config.
type Config struct {
	BaseURL       string // claim links are {BaseURL}/invite/{token}, never built from a Host header
	AppURL        string // where people sign in once approved; "" is {BaseURL}/signin (SignInAddress)
	OrgName       string
	MailFrom      string
	InviteTTL     time.Duration // from first send; default 30 days
	ApprovalTTL   time.Duration // needs_approval, from creation; default 60 days
	PurgeAfter    time.Duration // every record, from creation; default 365 days
	AccessCodeTTL time.Duration // default 90 days
	// LogLinks logs claim links at INFO when there is no SMTP: the embedded
	// default's one allowed secret in logs, so a newcomer can follow it.
	LogLinks bool
	// MailByServer queues deliveries although this process has no Sender:
	// a one-shot CLI command whose running server (store.ServerSettings)
	// mails them from its workers.
	MailByServer bool
}

// Inserter inserts River jobs in a caller's transaction; *jobs.Client is one.
type Inserter interface {
	InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertManyFastTx(ctx context.Context, tx *sql.Tx, params []river.InsertManyParams) (int, error)
}

// Service runs invitation and access-code actions. Fields are set once by
// cmd/provisiond; Jobs is set after the River client exists.
type Service struct {
	Store  *store.Store
	Keys   *secret.Keys
	Jobs   Inserter    // nil only when mail is off (MailEnabled)
	Sender mail.Sender // nil: no SMTP, delivery not_sent
	// Chores are other packages' periodic housekeeping, run by the
	// maintenance job after Maintain, once per tick across replicas
	// (cmd/provisiond adds the lapsed OAuth client secrets' retirement).
	Chores []func(context.Context) error
	Config Config
	Log    *slog.Logger

	method string // WithMethod
}

// New returns a Service with defaults filled in.
func New(st *store.Store, keys *secret.Keys, sender mail.Sender, cfg Config, log *slog.Logger) *Service {
	if cfg.InviteTTL <= 0 {
		cfg.InviteTTL = 30 * 24 * time.Hour
	}
	if cfg.ApprovalTTL <= 0 {
		cfg.ApprovalTTL = 60 * 24 * time.Hour
	}
	if cfg.PurgeAfter <= 0 {
		cfg.PurgeAfter = 365 * 24 * time.Hour
	}
	if cfg.AccessCodeTTL <= 0 {
		cfg.AccessCodeTTL = 90 * 24 * time.Hour
	}
	if cfg.OrgName == "" {
		cfg.OrgName = "provisiond"
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{Store: st, Keys: keys, Sender: sender, Config: cfg, Log: log}
}

// Errors of admin actions; web maps them to 4xx answers.
var (
	ErrNotFound       = errors.New("invite: not found")
	ErrAlreadyInvited = errors.New("invite: account already has an open invitation")
	ErrState          = errors.New("invite: not allowed in the invitation's current status")
	ErrExpired        = errors.New("invite: invitation expired; send a new invitation")
	ErrNotInvitable   = errors.New("invite: account cannot be invited")
	ErrNoCode         = errors.New("invite: account has no live access code")
)

// MailEnabled reports whether invitations are mailed (else not_sent): by
// this process's workers, or by the running server's (Config.MailByServer).
func (s *Service) MailEnabled() bool { return s.Sender != nil || s.Config.MailByServer }

// ClaimLink is the address a claim token opens.
func (s *Service) ClaimLink(token string) string { return s.Config.BaseURL + "/invite/" + token }

// TokenHash is what is stored of a claim token (invitations.token_hash).
func (s *Service) TokenHash(token string) string { return claimKey(s.Keys, token) }

// claimKey is the stored lookup key of a claim token: its keyed hash, behind
// the token's selector when it has one (secret.OrderedKey).
func claimKey(k *secret.Keys, token string) string {
	return secret.OrderedKey(token, k.HMAC(secret.PurposeClaimToken, token))
}

// now is the service's clock, the store's.
func now() time.Time { return store.Now() }

// notFound maps store.ErrNotFound to ErrNotFound, keeping other errors.
func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return errors.Join(ErrNotFound, err)
	}
	return err
}
