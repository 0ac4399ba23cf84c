package main

import (
	"os"
	"strings"
	"testing"
)

// TestEveryCommandInTheREADME: the README's command table names every
// subcommand (and every verb of the commands with verbs this test knows).
func TestEveryCommandInTheREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for name := range commands {
		if !strings.Contains(readme, "| `provisiond "+name) {
			t.Errorf("README's command table has no row for %q", name)
		}
	}
	for _, verb := range []string{"account list", "account create", "account import", "integration show", "integration delete",
		"integration list", "integration set", "integration rotate-token", "webhook create", "admin create", "admin reset-password"} {
		if !strings.Contains(readme, "`provisiond "+verb) {
			t.Errorf("README's command table does not name %q", verb)
		}
	}
}
