package signin

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// errThrottled means a key must wait after too many failures.
var errThrottled = errors.New("signin: too many attempts")

// throttledError is errThrottled with how long is left to wait.
type throttledError struct{ wait time.Duration }

func (e *throttledError) Error() string        { return errThrottled.Error() }
func (e *throttledError) Is(target error) bool { return target == errThrottled }

// throttleKeys are the keys one attempt counts against.
type throttleKeys struct{ client, account string }

// throttle counts one attempt against the client's address and one against
// the account named (lower-cased, HMAC'd: attempt_counters never hold who
// tried), before anything is checked, so parallel guesses cannot slip
// through. Past the free failures a key must wait, longer after each one up
// to the policy's Max (store.DelayPolicy): a stranger can slow an account
// down, never lock its owner out. Unknown names count the same as known
// ones, so the throttle reveals nothing.
func (p *Provider) throttle(ctx context.Context, r *http.Request, kind, name string) (throttleKeys, error) {
	k := throttleKeys{client: "signin:" + kind + ":ip:" + p.Clients.Key(r)}
	now := store.Now()
	wait, err := p.Store.ReserveAttempt(ctx, k.client, p.ClientDelay, now)
	if err != nil || wait > 0 || name == "" {
		return k, throttleResult(wait, err)
	}
	k.account = "signin:" + kind + ":acct:" + p.Keys.HMAC(purposeThrottle, strings.ToLower(strings.TrimSpace(name)))
	wait, err = p.Store.ReserveAttempt(ctx, k.account, p.AccountDelay, now)
	if err == nil && wait > 0 {
		// Not attempted after all: the client's reservation goes back.
		err = p.Store.ForgiveReservedAttempt(ctx, k.client)
	}
	return k, throttleResult(wait, err)
}

func throttleResult(wait time.Duration, err error) error {
	if err == nil && wait > 0 {
		return &throttledError{wait: wait}
	}
	return err
}

// forgive undoes what a success counted: the account's failures are
// cleared, the client's own reservation taken back (its earlier failures
// still count, or a valid login of one's own would clear them between
// guesses at others').
func (p *Provider) forgive(ctx context.Context, k throttleKeys) {
	if k.account != "" {
		if err := p.Store.ClearAttempts(ctx, k.account); err != nil {
			p.Log.WarnContext(ctx, "clear sign-in attempts", "err", err)
		}
	}
	if err := p.Store.ForgiveReservedAttempt(ctx, k.client); err != nil {
		p.Log.WarnContext(ctx, "forgive sign-in attempt", "err", err)
	}
}

// throttled answers 429 with the wait of err as Retry-After and on the page.
func (p *Provider) throttled(w http.ResponseWriter, r *http.Request, err error) {
	wait := time.Minute
	var te *throttledError
	if errors.As(err, &te) {
		wait = te.wait
	}
	d := p.newPage(r)
	d.BodyKey, d.Retry = "signin.throttled.body", max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(d.Retry))
	p.render(w, r, http.StatusTooManyRequests, "throttled", d)
}

// admit takes an attempt of kind for name (throttle); when the attempt is
// refused it has answered: 429 (throttled), or the error page.
func (p *Provider) admit(w http.ResponseWriter, r *http.Request, kind, name string) (throttleKeys, bool) {
	keys, err := p.throttle(r.Context(), r, kind, name)
	switch {
	case errors.Is(err, errThrottled):
		p.throttled(w, r, err)
	case err != nil:
		p.pageError(w, r, err)
	default:
		return keys, true
	}
	return keys, false
}

// dummyHash is verified when no account matched, so that a wrong name
// costs the same time as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := password.Hash("provisiond-timing-equaliser")
	return h
})
