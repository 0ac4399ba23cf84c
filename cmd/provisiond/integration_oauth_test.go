package main

import (
	"strings"
	"testing"

	"github.com/provisiond/provisiond/integration"
)

func TestIntegrationOAuthCommands(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, _ string, env map[string]string) {
		if code, _, errs := cli(t, env, "integration", "create", "--name", "entra"); code != 0 {
			t.Fatalf("create: %d %s", code, errs)
		}
		code, out, errs := cli(t, env, "integration", "oauth", "rotate", "entra")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || !strings.HasPrefix(lines[len(lines)-1], integration.OAuthSecretPrefix) || !strings.Contains(out, "/oidc/oauth/token") {
			t.Fatalf("rotate: %d %s %s", code, out, errs)
		}
		first := lines[len(lines)-1]
		if code, _, errs := cli(t, env, "integration", "oauth", "rotate", "entra", "--overlap", "1s"); code == 0 || !strings.Contains(errs, "--overlap") {
			t.Errorf("overlap too short: %d %s", code, errs)
		}
		if code, out, errs := cli(t, env, "integration", "oauth", "rotate", "entra", "--overlap", "2h"); code != 0 || strings.Contains(out, first) {
			t.Fatalf("second rotate: %d %s", code, errs)
		}
		code, out, _ = cli(t, env, "integration", "oauth", "show", "entra")
		if code != 0 || strings.Count(out, "true") != 2 || strings.Contains(out, first) {
			t.Fatalf("show: %d %s", code, out)
		}
		var oldest string
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) > 1 && strings.HasPrefix(f[1], first[:8]) {
				oldest = f[0]
			}
		}
		if code, out, errs := cli(t, env, "integration", "oauth", "retire", "entra", oldest); code != 0 || !strings.Contains(out, "retired") {
			t.Errorf("retire %q: %d %s %s", oldest, code, out, errs)
		}
		if code, _, errs := cli(t, env, "integration", "oauth", "retire", "entra", oldest); code == 0 || !strings.Contains(errs, "no valid client secret") {
			t.Errorf("retire twice: %d %s", code, errs)
		}
		if code, _, _ := cli(t, env, "integration", "oauth", "show"); code == 0 {
			t.Errorf("show without a name succeeded")
		}
	})
}
