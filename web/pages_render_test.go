package web

import (
	"bytes"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/provisiond/provisiond/ui"
)

// Every public page renders in every language without leaking a raw key.
// (The catalogs' completeness and every key a template names: ui's tests.)
func TestPagesRender(t *testing.T) {
	raw := regexp.MustCompile(`>[a-z]+\.[a-z_.]+<`)
	for _, name := range pageNames {
		for _, lang := range ui.Languages {
			d := &pageData{Page: ui.Page{Frame: ui.NewFrame(httptest.NewRequest("GET", "/code", nil), lang, "Acme", cssURL),
				MinLength: 15, MaxLength: 128, TitleKey: "error.title", BodyKey: "error.body", Retry: 15, AppURL: "https://app.example"}}
			d.AddErr("password", "err.password.common")
			var buf bytes.Buffer
			if err := pageTemplates.Execute(&buf, name, d); err != nil {
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
