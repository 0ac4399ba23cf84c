package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/password"
)

//go:embed templates/*.html static/*
var pageFS embed.FS

// pageNames lists every page template; each is parsed with the layout and
// partials when the package loads, so a missing or broken one stops the
// program at start-up, not at the first invitee.
var pageNames = []string{"claim", "join", "code", "code_password", "done", "pending", "check_email", "gone", "throttled", "error"}

var pageTemplates = mustParsePages()

func mustParsePages() map[string]*template.Template {
	funcs := template.FuncMap{"t": translate, "args": fieldArgs}
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(pageFS,
			"templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			panic(fmt.Sprintf("web: parse page %s: %v", name, err))
		}
		if t.Lookup("content") == nil || t.Lookup("title") == nil {
			panic(fmt.Sprintf("web: page %s must define \"title\" and \"content\"", name))
		}
		out[name] = t
	}
	return out
}

// pageData is what page templates receive; pages use the fields they need.
type pageData struct {
	Lang, Org, CSS string
	Action         string // the form's action, a path on this server
	Email, Name    string // invited or typed address and name
	UserName, Code string // /code: the account and the code being redeemed
	AppURL         string // where to go after a claim, if configured
	FromJoin       bool   // the done and waiting pages after a sign-up
	SignUp         bool   // claim page: the confirmation of a sign-up
	AskPassword    bool   // join page: the password is typed here (no SMTP: an admin approves)
	MinLength      int    // password policy, for the hint
	MaxLength      int    // password policy, for the input
	RetryMinutes   int    // throttled page
	TitleKey       string // error page: catalog keys of its title and text
	BodyKey        string
	Errs           map[string]string // field id -> translated message
	ErrOrder       []string          // field ids in form order, for the error summary
}

// fieldRef is what the field_error partial receives: the page and a field id.
type fieldRef struct {
	D  *pageData
	ID string
}

func fieldArgs(d *pageData, id string) fieldRef { return fieldRef{D: d, ID: id} }

// addErr records a translated error message for field.
func (d *pageData) addErr(field, key string, args ...any) {
	if d.Errs == nil {
		d.Errs = map[string]string{}
	}
	d.Errs[field] = translate(d.Lang, key, args...)
	d.ErrOrder = append(d.ErrOrder, field)
}

// newPage starts the data of a page in the first supported language of
// candidates (the account's language, then Accept-Language).
func (s *Server) newPage(r *http.Request, candidates ...string) *pageData {
	candidates = append(candidates, r.Header.Get("Accept-Language"))
	lo, hi := s.Claims.PasswordBounds()
	return &pageData{Lang: mail.PickLanguage(candidates...), Org: s.Config.OrgName, CSS: cssURL,
		AppURL: s.Config.AppURL, MinLength: lo, MaxLength: hi}
}

// render writes page name with status. Templates render into a buffer first,
// so a template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, d *pageData) {
	var buf bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", d); err != nil {
		s.Log.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", d.Lang)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
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
