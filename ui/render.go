package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"slices"
)

// templateFS holds the one layout, the partials and the pages every surface
// shares (Shared).
//
//go:embed templates/*.html
var templateFS embed.FS

// Shared names the pages of templates/ that any surface may list: their
// words come from the data's TitleKey, BodyKey, NoteKey and Retry (Page).
var Shared = []string{"error", "gone", "throttled", "done"}

// Pages is a surface's set of page templates, each parsed with the layout.
type Pages struct {
	byName map[string]*template.Template
}

// Funcs are the template functions every page has: t (T), tn (TN: a
// count's plural form), duration (Duration), args (the field_error
// partial's argument) and langs (Languages, for the switcher).
func Funcs() template.FuncMap {
	return template.FuncMap{"t": T, "tn": TN, "duration": Duration, "args": fieldArgs, "langs": func() []string { return Languages }}
}

// MustParse parses each of names: the layout and partials, then common (files
// of fsys that every page of the surface shares, such as the console's frame,
// which may redefine the layout's blocks), then the page itself, from
// templates/NAME.html of ui when name is one of Shared, else dir/NAME.html of
// fsys. funcs add to Funcs. A missing or broken template panics: the
// program stops at start-up, not at the first visitor.
func MustParse(fsys fs.FS, dir string, names []string, funcs template.FuncMap, common ...string) *Pages {
	all := Funcs()
	maps.Copy(all, funcs)
	p := &Pages{byName: map[string]*template.Template{}}
	for _, name := range names {
		t, err := parsePage(template.New(name).Funcs(all), fsys, dir, name, common)
		if err != nil {
			panic(fmt.Sprintf("ui: parse page %s: %v", name, err))
		}
		p.byName[name] = t
	}
	return p
}

func parsePage(t *template.Template, fsys fs.FS, dir, name string, common []string) (*template.Template, error) {
	t, err := t.ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err == nil && len(common) > 0 {
		t, err = t.ParseFS(fsys, common...)
	}
	if err == nil && slices.Contains(Shared, name) {
		t, err = t.ParseFS(templateFS, "templates/"+name+".html")
	} else if err == nil {
		t, err = t.ParseFS(fsys, dir+"/"+name+".html")
	}
	if err != nil {
		return nil, err
	}
	if t.Lookup("content") == nil || t.Lookup("title") == nil {
		return nil, fmt.Errorf("page %s must define \"title\" and \"content\"", name)
	}
	return t, nil
}

// Names lists the pages of the set (for tests).
func (p *Pages) Names() []string { return slices.Sorted(maps.Keys(p.byName)) }

// Execute writes page name with data into buf (for tests, and Render).
func (p *Pages) Execute(buf *bytes.Buffer, name string, data any) error {
	t, ok := p.byName[name]
	if !ok {
		return fmt.Errorf("ui: no page %q", name)
	}
	return t.ExecuteTemplate(buf, "layout", data)
}

// Render writes page name in lang with status. The page is rendered into a
// buffer first, so a template error becomes a clean 500 rather than half a
// page; the error is returned for the caller to log.
func (p *Pages) Render(w http.ResponseWriter, status int, name, lang string, data any) error {
	var buf bytes.Buffer
	if err := p.Execute(&buf, name, data); err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return fmt.Errorf("ui: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", lang)
	w.WriteHeader(status)
	w.Write(buf.Bytes()) // a client gone mid-answer is not the page's error
	return nil
}
