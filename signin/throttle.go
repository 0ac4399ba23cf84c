package signin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/provisiond/provisiond/password"
)

// errThrottled means a key ran out of attempts.
var errThrottled = errors.New("signin: too many attempts")

// throttle counts one attempt against the account named (lower-cased,
// HMAC'd: attempt_counters never hold who tried) and one against the
// client's address, before anything is checked. Unknown names count the
// same as known ones, so the throttle reveals nothing.
func (p *Provider) throttle(ctx context.Context, r *http.Request, kind, name string) ([]string, error) {
	keys := []string{"signin:" + kind + ":ip:" + p.Clients.Key(r)}
	if name != "" {
		k := "signin:" + kind + ":acct:" + p.Keys.HMAC(purposeThrottle, strings.ToLower(strings.TrimSpace(name)))
		keys = append(keys, k)
	}
	for i, k := range keys {
		lim := p.ClientLimit
		if i == 1 {
			lim = p.AccountLimit
		}
		ok, err := p.Store.CountAttempt(ctx, k, lim)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errThrottled
		}
	}
	return keys, nil
}

// forgive takes back the attempts of a success: only failures count.
func (p *Provider) forgive(ctx context.Context, keys []string) {
	for _, k := range keys {
		if err := p.Store.ForgiveAttempt(ctx, k); err != nil {
			p.Log.WarnContext(ctx, "forgive sign-in attempt", "err", err)
		}
	}
}

// throttled answers 429 with the lockout as Retry-After.
func (p *Provider) throttled(w http.ResponseWriter, r *http.Request) {
	d := p.newPage(r)
	lock := max(p.AccountLimit.Lockout, p.ClientLimit.Lockout)
	d.RetryMinutes = max(1, int(lock.Minutes()))
	w.Header().Set("Retry-After", strconv.Itoa(int(lock.Seconds())))
	p.render(w, r, http.StatusTooManyRequests, "throttled", d)
}

func (p *Provider) passwordBounds() (lo, hi int) {
	lo, hi = p.Policy.MinLength, p.Policy.MaxLength
	if lo == 0 {
		lo = password.DefaultMinLength
	}
	if hi == 0 {
		hi = password.DefaultMaxLength
	}
	lo, hi = max(lo, 8), max(hi, 64)
	return lo, max(lo, hi)
}

// dummyHash is verified when no account matched, so that a wrong name
// costs the same time as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := password.Hash("provisiond-timing-equaliser")
	return h
})
