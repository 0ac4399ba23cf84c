package scim

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Prefix is the path the handler serves; it is mounted there unstripped.
const Prefix = "/scim/v2"

// Options configure a Server; they are the constructor's only input.
type Options struct {
	Store        *store.Store
	Accounts     *account.Service
	BaseURL      string  // absolute Location and meta.location are built from it
	RateLimit    float64 // requests/s per integration; 0 disables
	RateBurst    int
	MaxBodyBytes int64 // 0 means 1 MiB
	Log          *slog.Logger
	// Keys sign paging cursors (cursor.go); nil signs with a random key
	// of this process, so cursors then work on this replica only.
	Keys *secret.Keys
	// OAuth verifies the access tokens of the client credentials grant
	// (oauth.go); nil: not accepted.
	OAuth TokenVerifier
}

// Server is the SCIM 2.0 http.Handler.
type Server struct {
	store    *store.Store
	accounts *account.Service
	baseURL  string // with Prefix, no trailing slash
	maxBody  int64
	log      *slog.Logger
	limits   *limiters
	jwt      *jwtVerifiers
	oauth    TokenVerifier
	mux      *http.ServeMux
	creates  *createBatcher
	cursors  *cursorCodec

	// patched, when set (tests), runs after a PATCH has applied its
	// operations to what it read and before it writes.
	patched func()
}

// New returns the SCIM handler.
func New(o Options) *Server {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	s := &Server{
		store:    o.Store,
		accounts: o.Accounts,
		baseURL:  strings.TrimSuffix(o.BaseURL, "/") + Prefix,
		maxBody:  o.MaxBodyBytes,
		log:      o.Log.With("component", "scim"),
		limits:   newLimiters(o.RateLimit, o.RateBurst),
		jwt:      newJWTVerifiers(),
		cursors:  newCursorCodec(o.Keys),
		oauth:    o.OAuth,
	}
	if o.Accounts != nil {
		s.creates = newCreateBatcher(o.Accounts, o.Store.Dialect())
	}
	s.mux = s.routes()
	return s
}

// ServeHTTP authenticates, rate-limits and dispatches one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r = withRequestID(w, r)
	defer s.recoverPanic(w, r)
	in, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	if !s.limits.allow(w, in.ID) {
		writeError(w, http.StatusTooManyRequests, "", "too many requests")
		return
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	}
	canonicalPath(r)
	if !s.permit(w, r, in) {
		return
	}
	ctx := withIntegration(r.Context(), in)
	// The IdP's own request id, kept in the audit events of this request.
	for _, h := range []string{"client-request-id", "X-Okta-Request-Id"} {
		if id := r.Header.Get(h); id != "" {
			ctx = store.WithSourceRequestID(ctx, id)
			break
		}
	}
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}
