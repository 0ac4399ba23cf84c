package signin

import (
	"bytes"
	"strings"
	"testing"
)

// Every language has exactly English's keys, and every page renders in
// every language without a raw key showing.
func TestCatalogsAndPages(t *testing.T) {
	for lang, cat := range catalogs {
		for k := range messagesEN {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s: missing %q", lang, k)
			}
		}
		for k := range cat {
			if _, ok := messagesEN[k]; !ok {
				t.Errorf("%s: %q is not in English", lang, k)
			}
		}
		for _, name := range pageNames {
			d := &pageData{Lang: lang, Org: "Acme", CSS: "/s.css", Client: "Wiki", MinLength: 15, MaxLength: 128,
				TitleKey: "error.title", BodyKey: "error.body", RetrySeconds: 15}
			d.addErr("password", "err.password.common")
			var buf bytes.Buffer
			if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", d); err != nil {
				t.Fatalf("%s/%s: %v", lang, name, err)
			}
			for _, prefix := range []string{"signin.", "forgot.", "reset.", "password.", "field.", "err.", "gone."} {
				if strings.Contains(buf.String(), ">"+prefix) {
					t.Errorf("%s/%s shows a raw key %s...", lang, name, prefix)
				}
			}
		}
	}
}
