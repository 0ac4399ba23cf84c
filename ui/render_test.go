package ui

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// A surface of one page of its own, one frame redefining the header, and
// every shared page.
var testFS = fstest.MapFS{
	"pages/hello.html": {Data: []byte(`{{define "title"}}{{t .Lang "error.title"}}{{end}}{{define "content"}}{{template "error_summary" .}}{{template "password_fields" .}}{{end}}`)},
	"frame.html":       {Data: []byte(`{{define "header"}}<p id="custom">{{.Org}}</p>{{end}}`)},
}

func renderAll(t *testing.T, pages *Pages, d *Page) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range pages.Names() {
		var buf bytes.Buffer
		if err := pages.Execute(&buf, name, d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.String()
	}
	return out
}

// Every shared page renders in every language without a raw key, inline
// script or style (CSP forbids them); a page shows the switcher back to
// Here, an answer (error, gone, throttled) does not: a gone page must be the
// same for every token and must not echo it.
func TestSharedPagesRender(t *testing.T) {
	pages := MustParse(testFS, "pages", append([]string{"hello"}, Shared...), nil)
	raw := regexp.MustCompile(`>[a-z]+\.[a-z_.]+<`)
	for _, lang := range Languages {
		r := httptest.NewRequest("GET", "/code?x=1", nil)
		d := &Page{Frame: NewFrame(r, lang, "Acme", "/static/style.css"), MinLength: 15, MaxLength: 128,
			TitleKey: "error.title", BodyKey: "error.body", NoteKey: "done.join", Retry: 15, AppURL: "https://app.example"}
		d.AddErr("password", "err.password.common")
		for name, html := range renderAll(t, pages, d) {
			if m := raw.FindString(html); m != "" {
				t.Errorf("%s/%s shows a raw key %s", name, lang, m)
			}
			if strings.Contains(html, "<script") || strings.Contains(html, "style=") {
				t.Errorf("%s/%s has inline script or style", name, lang)
			}
			if !strings.Contains(html, `<html lang="`+lang+`">`) {
				t.Errorf("%s/%s: not in %s", name, lang, lang)
			}
			if name == "error" || name == "gone" || name == "throttled" {
				if strings.Contains(html, "lang-switch") || strings.Contains(html, "/code?x=1") {
					t.Errorf("%s/%s: an answer with a switcher", name, lang)
				}
				continue
			}
			for _, want := range []string{`action="/lang"`, `name="next" value="/code?x=1"`,
				`id="lang-fr"`, ">Français<", ">English<", `id="lang-` + lang + `" aria-pressed="true"`} {
				if !strings.Contains(html, want) {
					t.Errorf("%s/%s lacks %s", name, lang, want)
				}
			}
		}
	}
}

// A page that answers a POST has no switcher (it cannot be fetched again
// without losing what it shows); a surface's frame redefines the layout's blocks.
func TestSwitcherHiddenAfterPostAndFrameBlocks(t *testing.T) {
	pages := MustParse(testFS, "pages", []string{"hello"}, nil, "frame.html")
	d := &Page{Frame: NewFrame(httptest.NewRequest("POST", "/code", nil), "en", "Acme", "/s.css")}
	html := renderAll(t, pages, d)["hello"]
	if strings.Contains(html, "lang-switch") {
		t.Error("switcher on a POST answer")
	}
	if !strings.Contains(html, `<p id="custom">Acme</p>`) || strings.Contains(html, `class="org"`) {
		t.Errorf("frame's header not used:\n%s", html)
	}
}

func TestRender(t *testing.T) {
	pages := MustParse(testFS, "pages", []string{"hello"}, nil)
	w := httptest.NewRecorder()
	d := &Page{Frame: Frame{Lang: "fr", Org: "Acme"}}
	if err := pages.Render(w, http.StatusTeapot, "hello", "fr", d); err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusTeapot || w.Header().Get("Content-Language") != "fr" ||
		!strings.Contains(w.Body.String(), "Une erreur s’est produite") {
		t.Fatalf("%d %v\n%s", w.Code, w.Header(), w.Body)
	}
	w = httptest.NewRecorder()
	if err := pages.Render(w, http.StatusOK, "nope", "fr", d); err == nil || w.Code != http.StatusInternalServerError {
		t.Fatalf("unknown page: %v %d", err, w.Code)
	}
}

// TestBrokenPageFoundByCheck: a page that does not parse, or lacks its
// title, is reported by Check and fails its render cleanly; a page missing
// from its file system stops MustParse at once.
func TestBrokenPageFoundByCheck(t *testing.T) {
	broken := fstest.MapFS{
		"pages/ok.html":       {Data: []byte(`{{define "title"}}x{{end}}{{define "content"}}y{{end}}`)},
		"pages/bad.html":      {Data: []byte(`{{define "title"}}x{{end}}{{define "content"}}{{if}}{{end}}`)},
		"pages/untitled.html": {Data: []byte(`{{define "content"}}y{{end}}`)},
	}
	for _, name := range []string{"bad", "untitled"} {
		p := MustParse(broken, "pages", []string{"ok", name}, nil)
		if err := p.Check(); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("Check with %s: %v", name, err)
		}
		rec := httptest.NewRecorder()
		if err := p.Render(rec, http.StatusOK, name, "en", &Page{}); err == nil || rec.Code != http.StatusInternalServerError {
			t.Errorf("render %s: %v, status %d", name, err, rec.Code)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParse accepted a page with no file")
		}
	}()
	MustParse(broken, "pages", []string{"missing"}, nil)
}
