package ui

import "net/http"

// Frame is what the layout reads; every page's data embeds one.
type Frame struct {
	Lang string // one of Languages: the page's language
	Org  string // the organisation's name, in the title and the header
	CSS  string // the public stylesheet's URL
	// Here is where the language switcher brings the person back: this
	// page's path and query on a GET. Empty hides the switcher: a page that
	// answers a POST (a form with errors, a secret shown once) cannot be
	// fetched again without losing what it shows.
	Here string
}

// NewFrame starts the frame of a page answering r in lang.
func NewFrame(r *http.Request, lang, org, css string) Frame {
	f := Frame{Lang: lang, Org: org, CSS: css}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		f.Here = r.URL.RequestURI()
	}
	return f
}

// Page is the data shared by the public and sign-in pages: the frame, the
// form's action, the password policy, the shared pages' message keys and the
// form errors that the partials show. Each surface embeds it in its own.
type Page struct {
	Frame
	Action               string // the form's action, a path on this server
	AppURL               string // where to go once done, if configured
	SignInURL            string // else where the done page sends a person to learn how to sign in
	MinLength, MaxLength int    // password policy, for the hint and the input
	// TitleKey, BodyKey and NoteKey are the catalog keys of the shared pages
	// (error, gone, throttled, done); Retry is the throttled page's wait in seconds.
	TitleKey, BodyKey, NoteKey string
	Retry                      int
	Errs                       map[string]string // field id -> translated message
	ErrOrder                   []string          // field ids in form order, for the error summary
}

// AddErr records the translated message of key for field.
func (p *Page) AddErr(field, key string, args ...any) {
	if p.Errs == nil {
		p.Errs = map[string]string{}
	}
	p.Errs[field] = T(p.Lang, key, args...)
	p.ErrOrder = append(p.ErrOrder, field)
}

// fieldRef is what the field_error partial receives: the page and a field id.
type fieldRef struct {
	D  any
	ID string
}

func fieldArgs(d any, id string) fieldRef { return fieldRef{D: d, ID: id} }
