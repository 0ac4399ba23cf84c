package backchannel

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/provisiond/provisiond/egress"
	"github.com/provisiond/provisiond/store"
)

// CheckURI validates a client's back-channel logout URI for field and
// returns it cleaned: "" stays "" (none); otherwise an absolute http(s)
// URL without credentials or fragment (the specification forbids one),
// whose host is not and does not resolve to an address policy refuses.
// A refusal is a *store.InvalidError, safe to show. A name that does not
// resolve now is accepted: the worker checks what it dials anyway.
func CheckURI(ctx context.Context, policy egress.Policy, field, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		u.Fragment != "" || strings.Contains(raw, "#") || len(raw) > 2000 {
		return "", store.Invalid(field, "must be an absolute http(s) URL without credentials or fragment")
	}
	var refused *egress.RefusedError
	if err := policy.CheckHost(ctx, u.Hostname()); errors.As(err, &refused) {
		return "", store.Invalid(field, "%s; logout tokens reach public addresses only, unless the operator allows the network (webhookAllowedNetworks)",
			refused.Error())
	}
	return u.String(), nil
}
