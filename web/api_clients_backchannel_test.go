package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/config"
)

// An admin registers an application's back-channel logout URI through the
// API or the console; neither lets it point at an internal address (here
// the cloud metadata service) beyond the operator's allowed networks
// (loopback, in this test), and the API shows and removes it.
func TestClientBackchannelURIThroughAPIAndConsole(t *testing.T) {
	allowLoopback := func(c *config.Config) { c.WebhookAllowedNetworks = "127.0.0.0/8" }
	eachConsoleServer(t, allowLoopback, func(t *testing.T, ts *httptest.Server, s *Server) {
		seedTokens(t, s, "admin")
		body := func(js string) *strings.Reader { return strings.NewReader(js) }
		var refused struct {
			Error struct{ Code, Message string }
		}
		if code := call(t, "POST", ts.URL+"/api/v1/clients", "admin-token", "application/json",
			body(`{"name":"Wiki","redirectUris":["https://wiki.example.com/cb"],"backchannelLogoutUri":"http://169.254.169.254/latest"}`),
			&refused); code != http.StatusBadRequest || !strings.Contains(refused.Error.Message, "backchannelLogoutUri") {
			t.Errorf("metadata URI through the API: %d %+v", code, refused)
		}
		var c clientJSON
		if code := call(t, "POST", ts.URL+"/api/v1/clients", "admin-token", "application/json",
			body(`{"name":"Wiki","redirectUris":["https://wiki.example.com/cb"],"backchannelLogoutUri":"http://127.0.0.1:9/logout","backchannelLogoutSessionRequired":true}`),
			&c); code != http.StatusCreated || c.BackchannelLogoutURI != "http://127.0.0.1:9/logout" || !c.BackchannelLogoutSessionRequired {
			t.Fatalf("create with an allowed URI: %d %+v", code, c)
		}
		if code := call(t, "PATCH", ts.URL+"/api/v1/clients/"+c.ID, "admin-token", "application/json",
			body(`{"backchannelLogoutUri":""}`), &c); code != http.StatusOK || c.BackchannelLogoutURI != "" {
			t.Errorf("remove: %d %+v", code, c)
		}

		browser := signedIn(t, ts, s, "admin")
		form := url.Values{"name": {"Intranet"}, "redirectUris": {"https://intranet.example.com/cb"},
			"backchannelLogoutUri": {"http://169.254.169.254/"}}
		resp, page := do(t, browser, "POST", ts.URL+"/admin/clients", form.Encode())
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "backchannelLogoutUri") {
			t.Errorf("metadata URI through the console: %d", resp.StatusCode)
		}
		form.Set("backchannelLogoutUri", "http://127.0.0.1:9/intranet-logout")
		if resp, page = do(t, browser, "POST", ts.URL+"/admin/clients", form.Encode()); resp.StatusCode != http.StatusCreated ||
			!strings.Contains(page, "http://127.0.0.1:9/intranet-logout") {
			t.Errorf("console create: %d", resp.StatusCode)
		}
	})
}
