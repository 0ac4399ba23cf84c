package web

import (
	"embed"
	"net/http"
	"net/url"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/ui"
)

//go:embed templates/*.html static/*
var pageFS embed.FS

// pageNames lists every public page: templates/NAME.html, or one of the
// pages ui shares (ui.Shared: error, gone, throttled, done). Each is parsed
// with ui's layout when the package loads, so a missing or broken one stops
// the program at start-up, not at the first invitee.
var pageNames = []string{"claim", "join", "code", "code_password", "done", "pending", "check_email", "gone", "throttled", "error"}

var pageTemplates = ui.MustParse(pageFS, "templates", pageNames, nil)

// translate is the one catalog's lookup (ui/catalog/*.json).
var translate = ui.T

// pageData is what page templates receive; pages use the fields they need.
type pageData struct {
	ui.Page
	Email, Name    string // invited or typed address and name
	UserName, Code string // /code: the account and the code being redeemed
	FromJoin       bool   // the done and waiting pages after a sign-up
	SignUp         bool   // claim page: the confirmation of a sign-up
	AskPassword    bool   // join page: the password is typed here (no SMTP: an admin approves)
}

// newPage starts the data of a page in the person's language: the lang
// cookie, then candidates (the account's language, the language the page's
// form carried), then Accept-Language (ui.Lang).
func (s *Server) newPage(r *http.Request, candidates ...string) *pageData {
	lo, hi := s.Claims.PasswordBounds()
	d := &pageData{Page: ui.Page{Frame: ui.NewFrame(r, ui.Lang(r, candidates...), s.Config.OrgName, cssURL),
		AppURL: s.Config.AppURL, MinLength: lo, MaxLength: hi}}
	if s.SignIn != nil {
		d.SignInURL = "/signin?" + url.Values{"lang": {d.Lang}}.Encode() // the landing page (signin/page_home.go)
	}
	return d
}

// render writes page name with status (ui.Pages.Render: buffered, a
// template error is a clean 500).
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, d *pageData) {
	if err := pageTemplates.Render(w, status, name, d.Lang, d); err != nil {
		s.Log.ErrorContext(r.Context(), "render page", "page", name, "err", err)
	}
}

// pageCSS is the public pages' stylesheet; cssURL is where pages link it.
var (
	pageCSS = mustAsset(pageFS, "static/style.css", "/static")
	cssURL  = pageCSS.url
)

// newClaims builds the claim flows from the server's own dependencies; the
// registration notices and sign-up confirmations go through the
// invitations' mail sender.
func (s *Server) newClaims() *invite.Claims {
	c := &invite.Claims{Store: s.Store, Keys: s.Keys, Log: s.Log,
		BaseURL: s.Config.BaseURL, OrgName: s.Config.OrgName, RegistrationNotify: s.Config.RegistrationNotify,
		ApprovalTTL: time.Duration(s.Config.ApprovalTTL), Policy: password.Policy{MinLength: s.Config.PasswordMinLength},
		Invites: s.Invites}
	if s.Invites != nil && s.Invites.Sender != nil {
		c.Mailer = s.Invites.Sender
	}
	return c
}
