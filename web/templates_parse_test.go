package web

import "testing"

// TestTemplatesParse parses every page of the public pages and of the
// console now: pages are parsed at their first render in a running
// server, so this is where a broken template stops a release.
func TestTemplatesParse(t *testing.T) {
	for name, p := range map[string]interface{ Check() error }{"pages": pageTemplates, "console": consoleTemplates} {
		if err := p.Check(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
