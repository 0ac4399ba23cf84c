package signin

import "testing"

// TestTemplatesParse parses every sign-in page now: pages are parsed at
// their first render in a running server, so this is where a broken
// template stops a release.
func TestTemplatesParse(t *testing.T) {
	if err := pageTemplates.Check(); err != nil {
		t.Fatal(err)
	}
}
