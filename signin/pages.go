package signin

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/provisiond/provisiond/mail"
)

// templates holds the pages. layout.html and partials.html are copies of
// web's (same markup, same stylesheet): keep them in step.
//
//go:embed templates/*.html
var templateFS embed.FS

var pageNames = []string{"signin", "forgot", "forgot_sent", "reset", "password", "done", "gone", "throttled", "error"}

var pageTemplates = mustParsePages()

func mustParsePages() map[string]*template.Template {
	funcs := template.FuncMap{"t": translate, "args": func(d *pageData, id string) fieldRef { return fieldRef{D: d, ID: id} }}
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			panic(fmt.Sprintf("signin: parse page %s: %v", name, err))
		}
		out[name] = t
	}
	return out
}

var catalogs = map[string]map[string]string{"en": messagesEN, "fr": messagesFR}

func translate(lang, key string, args ...any) string {
	msg, ok := catalogs[mail.PickLanguage(lang)][key]
	if !ok {
		if msg, ok = messagesEN[key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// pageData is what the templates receive; the field names match web's
// partials (Errs, ErrOrder, MinLength, MaxLength).
type pageData struct {
	Lang, Org, CSS, AppURL string
	Action, RequestID      string
	Client                 string // the application's name
	ForgotURL              string
	UserName, Email        string
	MinLength, MaxLength   int
	RetrySeconds           int
	TitleKey, BodyKey      string
	Errs                   map[string]string
	ErrOrder               []string
}

type fieldRef struct {
	D  *pageData
	ID string
}

func (d *pageData) addErr(field, key string, args ...any) {
	if d.Errs == nil {
		d.Errs = map[string]string{}
	}
	d.Errs[field] = translate(d.Lang, key, args...)
	d.ErrOrder = append(d.ErrOrder, field)
}

func (p *Provider) newPage(r *http.Request, candidates ...string) *pageData {
	candidates = append(candidates, r.FormValue("lang"), r.Header.Get("Accept-Language"))
	lo, hi := p.passwordBounds()
	return &pageData{Lang: mail.PickLanguage(candidates...), Org: p.OrgName, CSS: p.cssURL,
		AppURL: p.AppURL, MinLength: lo, MaxLength: hi}
}

func (p *Provider) render(w http.ResponseWriter, r *http.Request, status int, name string, d *pageData) {
	var buf bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", d); err != nil {
		p.Log.ErrorContext(r.Context(), "render sign-in page", "page", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", d.Lang)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// pageError logs err and answers the generic error page; never err's text.
func (p *Provider) pageError(w http.ResponseWriter, r *http.Request, err error) {
	p.Log.ErrorContext(r.Context(), "sign-in page error", "path", r.Pattern, "err", err)
	d := p.newPage(r)
	d.TitleKey, d.BodyKey = "error.title", "error.body"
	p.render(w, r, http.StatusInternalServerError, "error", d)
}

func (p *Provider) pageGone(w http.ResponseWriter, r *http.Request) {
	p.render(w, r, http.StatusGone, "gone", p.newPage(r))
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
