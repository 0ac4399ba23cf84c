package signin

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/ui"
)

// Every page renders in every language without a raw key showing. (The
// catalogs' completeness and every key a template names: ui's tests.)
func TestPagesRender(t *testing.T) {
	for _, lang := range ui.Languages {
		for _, name := range pageNames {
			d := &pageData{Page: ui.Page{Frame: ui.NewFrame(httptest.NewRequest("GET", "/signin?id=p1", nil), lang, "Acme", "/s.css"),
				MinLength: 15, MaxLength: 128, TitleKey: "error.title", BodyKey: "error.body", Retry: 15}, Client: "Wiki"}
			d.AddErr("password", "err.password.common")
			var buf bytes.Buffer
			if err := pageTemplates.Execute(&buf, name, d); err != nil {
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
