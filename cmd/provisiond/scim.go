package main

import (
	"net/http"

	"github.com/provisiond/provisiond/scim"
)

// newSCIMHandler builds the SCIM 2.0 server mounted at /scim/v2; oauth
// verifies the access tokens of the client credentials grant (nil: none).
func newSCIMHandler(a *app, oauth scim.TokenVerifier) http.Handler {
	return scim.New(scim.Options{
		Store:        a.store,
		Accounts:     a.accounts,
		BaseURL:      a.cfg.BaseURL,
		RateLimit:    a.cfg.SCIMRateLimit,
		RateBurst:    a.cfg.SCIMRateBurst,
		MaxBodyBytes: a.cfg.SCIMMaxBodySize,
		Log:          a.log,
		Keys:         a.keys,
		OAuth:        oauth,
	})
}
