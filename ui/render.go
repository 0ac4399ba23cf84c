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
	"sync"
)

// templateFS holds the one layout, the partials and the pages every surface
// shares (Shared).
//
//go:embed templates/*.html
var templateFS embed.FS

// Shared names the pages of templates/ that any surface may list: their
// words come from the data's TitleKey, BodyKey, NoteKey and Retry (Page).
var Shared = []string{"error", "gone", "throttled", "done"}

// Pages is a surface's set of page templates, each parsed with the layout
// when first rendered: a server that only answers SCIM never holds the
// console's parse trees (a few MB; docs/performance.md). Check parses
// them all, for the tests that stand between a broken template and a
// release.
type Pages struct {
	byName map[string]func() (*template.Template, error)
}

// Funcs are the template functions every page has: t (T), tn (TN: a
// count's plural form), duration (Duration), args (the field_error
// partial's argument) and langs (Languages, for the switcher).
func Funcs() template.FuncMap {
	return template.FuncMap{"t": T, "tn": TN, "duration": Duration, "args": fieldArgs, "langs": func() []string { return Languages }}
}

// MustParse lists each of names, to be parsed when first rendered: the
// layout and partials, then common (files of fsys that every page of the
// surface shares, such as the console's frame, which may redefine the
// layout's blocks), then the page itself, from templates/NAME.html of ui
// when name is one of Shared, else dir/NAME.html of fsys. funcs add to
// Funcs. A page missing from its file system panics at once; a broken
// one fails its render with a clean 500, and Check (run by each surface's
// tests) finds it first.
func MustParse(fsys fs.FS, dir string, names []string, funcs template.FuncMap, common ...string) *Pages {
	all := Funcs()
	maps.Copy(all, funcs)
	p := &Pages{byName: map[string]func() (*template.Template, error){}}
	for _, name := range names {
		file := dir + "/" + name + ".html"
		src := fsys
		if slices.Contains(Shared, name) {
			file, src = "templates/"+name+".html", templateFS
		}
		if _, err := fs.Stat(src, file); err != nil {
			panic(fmt.Sprintf("ui: page %s: %v", name, err))
		}
		p.byName[name] = sync.OnceValues(func() (*template.Template, error) {
			return parsePage(template.New(name).Funcs(all), fsys, dir, name, common)
		})
	}
	return p
}

// Check parses every page now and returns the first error.
func (p *Pages) Check() error {
	for _, name := range p.Names() {
		if _, err := p.byName[name](); err != nil {
			return fmt.Errorf("ui: parse page %s: %w", name, err)
		}
	}
	return nil
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
	parsed, ok := p.byName[name]
	if !ok {
		return fmt.Errorf("ui: no page %q", name)
	}
	t, err := parsed()
	if err != nil {
		return fmt.Errorf("ui: parse page %s: %w", name, err)
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
