package web

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/provisiond/provisiond/mail"
)

// Every language has exactly the English keys, and every key a template uses exists.
func TestCatalogsComplete(t *testing.T) {
	for _, lang := range mail.Languages {
		cat, ok := catalogs[lang]
		if !ok {
			t.Fatalf("no catalog for %s", lang)
		}
		for k := range messagesEN {
			if cat[k] == "" {
				t.Errorf("%s: missing %q", lang, k)
			}
		}
		for k := range cat {
			if _, ok := messagesEN[k]; !ok {
				t.Errorf("%s: %q is not in English", lang, k)
			}
		}
	}
	used := regexp.MustCompile(`t \$?\.(?:D\.)?Lang "([^"]+)"`)
	for _, name := range append(pageNames, "layout", "partials") {
		b, err := pageFS.ReadFile("templates/" + name + ".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllSubmatch(b, -1) {
			if _, ok := messagesEN[string(m[1])]; !ok {
				t.Errorf("%s.html uses unknown key %q", name, m[1])
			}
		}
	}
}

// Every page renders in every language without leaking a raw key.
func TestPagesRender(t *testing.T) {
	raw := regexp.MustCompile(`>[a-z]+\.[a-z_.]+<`)
	for _, name := range pageNames {
		for _, lang := range mail.Languages {
			d := &pageData{Lang: lang, Org: "Acme", CSS: cssURL, MinLength: 15, MaxLength: 128,
				TitleKey: "error.title", BodyKey: "error.body", RetryMinutes: 15, AppURL: "https://app.example"}
			d.addErr("password", "err.password.common")
			var buf bytes.Buffer
			if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", d); err != nil {
				t.Fatalf("%s/%s: %v", name, lang, err)
			}
			if m := raw.Find(buf.Bytes()); m != nil {
				t.Errorf("%s/%s shows a raw key %s", name, lang, m)
			}
			if bytes.Contains(buf.Bytes(), []byte("<script")) || bytes.Contains(buf.Bytes(), []byte("style=")) {
				t.Errorf("%s/%s has inline script or style (CSP forbids them)", name, lang)
			}
		}
	}
}

func TestStaticCSSChecksummed(t *testing.T) {
	ts, _ := newTestServer(t, nil)
	resp, body := get(t, ts.URL+cssURL, "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" ||
		resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || len(body) < 100 {
		t.Fatalf("css: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := get(t, ts.URL+"/static/style.css", ""); resp.StatusCode != 404 {
		t.Fatalf("unchecksummed name: %d", resp.StatusCode)
	}
}
