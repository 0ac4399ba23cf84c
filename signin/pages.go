package signin

import (
	"embed"
	"errors"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/ui"
)

// templateFS holds the sign-in pages; each is parsed with ui's layout and
// partials and the sign-in's own (templates/partials.html), and error, gone, throttled and done are ui's shared pages.
//
//go:embed templates/*.html
var templateFS embed.FS

var pageNames = []string{"signin", "home", "forgot", "forgot_sent", "reset", "password", "done", "gone", "throttled", "error"}

var pageTemplates = ui.MustParse(templateFS, "templates", pageNames, nil, "templates/partials.html")

// pageData is what the templates receive: ui's page and the sign-in's own fields.
type pageData struct {
	ui.Page
	RequestID       string
	Client          string // the application's name
	ForgotURL       string
	UserName, Email string
}

// newPage starts a page in the person's language: the lang cookie, then
// candidates (the authorization request's ui_locales, the account's
// language), then the language the form carried, then Accept-Language.
func (p *Provider) newPage(r *http.Request, candidates ...string) *pageData {
	lo, hi := p.Policy.Bounds()
	lang := ui.Lang(r, append(candidates, r.FormValue("lang"))...)
	return &pageData{Page: ui.Page{Frame: ui.NewFrame(r, lang, p.OrgName, p.cssURL),
		AppURL: p.AppURL, SignInURL: "/signin?lang=" + lang, MinLength: lo, MaxLength: hi}}
}

func (p *Provider) render(w http.ResponseWriter, r *http.Request, status int, name string, d *pageData) {
	if err := pageTemplates.Render(w, status, name, d.Lang, d); err != nil {
		p.Log.ErrorContext(r.Context(), "render sign-in page", "page", name, "err", err)
	}
}

// pageError logs err and answers the generic error page; never err's text.
func (p *Provider) pageError(w http.ResponseWriter, r *http.Request, err error) {
	p.Log.ErrorContext(r.Context(), "sign-in page error", "path", r.Pattern, "err", err)
	d := p.newPage(r)
	d.TitleKey, d.BodyKey = "error.title", "error.body"
	p.render(w, r, http.StatusInternalServerError, "error", d)
}

// usable reports whether reading a token or request succeeded (err is nil);
// otherwise it has answered: the gone page for store.ErrNotFound, the error
// page for any other error.
func (p *Provider) usable(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, store.ErrNotFound):
		p.pageGone(w, r)
	default:
		p.pageError(w, r, err)
	}
	return false
}

func (p *Provider) pageGone(w http.ResponseWriter, r *http.Request) {
	d := p.newPage(r)
	d.BodyKey, d.NoteKey = "signin.gone.body", "signin.gone.next"
	p.render(w, r, http.StatusGone, "gone", d)
}

// allowFormAction widens the page's CSP form-action to the origins the
// post will redirect to (the application's redirect URIs).
func allowFormAction(w http.ResponseWriter, origins []string) {
	csp := w.Header().Get("Content-Security-Policy")
	if csp == "" || len(origins) == 0 {
		return
	}
	w.Header().Set("Content-Security-Policy",
		strings.Replace(csp, "form-action 'self'", "form-action 'self' "+strings.Join(origins, " "), 1))
}
