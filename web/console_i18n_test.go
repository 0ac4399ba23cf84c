package web

import (
	"regexp"
	"testing"
)

// Every catalog key a console template names exists in English (and so, by
// TestCatalogsComplete, in every language).
func TestConsoleCatalogKeys(t *testing.T) {
	used := regexp.MustCompile(`t \$?[.\w]*\.?Lang "([^"]+)"|t \$l "([^"]+)"`)
	for _, name := range append(consolePageNames, "layout", "partials") {
		b, err := consoleFS.ReadFile("templates/console/" + name + ".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllSubmatch(b, -1) {
			k := string(m[1]) + string(m[2])
			if _, ok := messagesEN[k]; !ok {
				t.Errorf("%s.html uses unknown key %q", name, k)
			}
		}
	}
	for _, group := range [][]string{accountStatuses, invitationStatuses} {
		for _, st := range group {
			if _, ok := messagesEN["status."+st]; !ok {
				t.Errorf("no label for status %s", st)
			}
		}
	}
}
