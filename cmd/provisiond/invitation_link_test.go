package main

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store/storetest"
)

func TestInvitationLinkCommands(t *testing.T) {
	eachDialectCLI(t, func(t *testing.T, _, url string, env map[string]string) {
		if code, _, errOut := cli(t, env, "invitation-link", "create", "--name", "x", "--max-uses", "3",
			"--allowed-domains", "acme.example,not a domain"); code == 0 || !strings.Contains(errOut, "allowedDomains") {
			t.Fatalf("bad domains: %d %q", code, errOut)
		}
		code, out, errOut := cli(t, env, "invitation-link", "create", "--name", "Spring intake", "--max-uses", "3",
			"--allowed-domains", "Acme.example, partner.example")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		link := lines[len(lines)-1]
		if code != 0 || !strings.HasPrefix(link, "https://p.example.test/join/") {
			t.Fatalf("create: %d %q %q", code, out, errOut)
		}
		code, out, _ = cli(t, env, "invitation-link", "list")
		if code != 0 || !strings.Contains(out, "acme.example,partner.example") || !strings.Contains(out, "0/3") || strings.Contains(out, link) {
			t.Fatalf("list: %q", out)
		}
		st := storetest.OpenURL(t, url)
		keys, _ := secret.NewKeys(testSecretKey)
		c := &invite.Claims{Store: st, Keys: keys}
		token := link[strings.LastIndexByte(link, '/')+1:]
		_, err := c.SignUp(context.Background(), token, invite.SignUpInput{Name: "M", Email: "m@elsewhere.example", Password: "x"})
		var ie *invite.InputError
		if !errors.As(err, &ie) || ie.Code != invite.CodeDomain {
			t.Fatalf("sign-up at another domain through a CLI link: %v", err)
		}
		id := strings.Fields(strings.Split(out, "\n")[1])[0]
		if code, _, errOut = cli(t, env, "invitation-link", "delete", id); code != 0 {
			t.Fatalf("delete: %q", errOut)
		}
		if code, _, _ = cli(t, env, "invitation-link", "delete", id); code == 0 {
			t.Fatal("deleting twice succeeded")
		}
	})
}
