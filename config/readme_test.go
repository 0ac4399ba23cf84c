package config

import (
	"os"
	"strings"
	"testing"
)

// The README's configuration table must list every setting.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Settings() {
		if !strings.Contains(string(b), "`"+s.Env+"`") || !strings.Contains(string(b), "`"+s.YAML+"`") {
			t.Errorf("README.md does not document %s / %s", s.YAML, s.Env)
		}
	}
}
