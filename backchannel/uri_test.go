package backchannel_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/backchannel/backchanneltest"
	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// An admin cannot make the server post logout tokens to the network it
// runs in: a back-channel logout URI at a cloud metadata address, loopback
// or a private network is refused when a client is registered or changed
// (unless the operator allows the network, as tests allow loopback), and
// so is anything but an absolute http(s) URL without credentials or
// fragment.
func TestBackchannelURIRefusedInternal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := &integration.Service{Store: st} // the default policy: public addresses only
		name := "app"
		for _, uri := range []string{
			"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8080/logout", "https://[::1]/logout",
			"http://10.0.0.5/logout", "http://[::ffff:127.0.0.1]/logout", "http://localhost/logout",
			"ftp://app.example.com/logout", "https://user:pw@app.example.com/logout", "https://app.example.com/logout#x",
			"/relative", "https://app.example.com/" + strings.Repeat("a", 3000),
		} {
			_, _, err := svc.CreateClient(ctx, "test", integration.ClientInput{Name: &name,
				RedirectURIs: []string{"https://app.example.com/cb"}, BackchannelLogoutURI: &uri})
			var inv *store.InvalidError
			if !errors.As(err, &inv) || inv.Field != "backchannelLogoutUri" {
				t.Errorf("%q: %v, want a refused backchannelLogoutUri", uri, err)
			}
		}
		c, _, err := svc.CreateClient(ctx, "test", integration.ClientInput{Name: &name, RedirectURIs: []string{"https://app.example.com/cb"}})
		if err != nil {
			t.Fatal(err)
		}
		metadata := "http://169.254.169.254/"
		if _, _, err := svc.UpdateClient(ctx, "test", c.ID, integration.ClientInput{BackchannelLogoutURI: &metadata}, false); err == nil {
			t.Error("an update pointed the client at the metadata service")
		}
		if got, _ := st.OIDCClientByID(ctx, c.ID); got.BackchannelLogoutURI != "" {
			t.Errorf("URI %q stored", got.BackchannelLogoutURI)
		}

		allowed := &integration.Service{Store: st, Egress: backchanneltest.Loopback}
		loop := " http://127.0.0.1:8080/logout "
		got, _, err := allowed.UpdateClient(ctx, "test", c.ID, integration.ClientInput{BackchannelLogoutURI: &loop}, false)
		if err != nil || got.BackchannelLogoutURI != "http://127.0.0.1:8080/logout" {
			t.Errorf("with loopback allowed: %v, URI %q", err, got.BackchannelLogoutURI)
		}
	})
}
