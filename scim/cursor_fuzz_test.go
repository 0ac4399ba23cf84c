package scim

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/provisiond/provisiond/store"
)

// FuzzCursor: any cursor string is refused with 400 invalidCursor unless
// this server issued it for the same scope, and a position survives the
// round trip exactly (a lost nanosecond would repeat or skip a row). Over
// HTTP, any cursor is a page or a 400, never a 500.
func FuzzCursor(f *testing.F) {
	codec := newCursorCodec(nil)
	scope := cursorScope{integration: "i1", endpoint: "Users", filter: `userName pr`}
	issued := map[string]bool{}
	for _, k := range []*store.Keyset{store.KeysetOf(time.Unix(1700000000, 123456789), "0190c7d2-9f6e-7b7a-8c5d-1e2f3a4b5c6d"),
		store.KeysetOf(time.Unix(0, 0), "x")} {
		c := codec.encode(scope, k)
		issued[c] = true
		f.Add(c, k.CreatedAt.UnixNano(), k.ID)
	}
	f.Add("", int64(-1), "")
	f.Add("AAAA", int64(1), "\x00")
	ts := newTestServer(f, store.SQLite, nil)
	ts.createUser("fuzz", nil)
	f.Fuzz(func(t *testing.T, tok string, nanos int64, id string) {
		k, err := codec.decode(scope, tok)
		if err == nil && !issued[tok] {
			t.Fatalf("cursor %q accepted, never issued", tok)
		}
		if err == nil && k.ID == "" {
			t.Fatalf("cursor %q decoded without an id", tok)
		}
		if id != "" && len(id) <= cursorMaxID {
			want := store.KeysetOf(time.Unix(0, nanos), id)
			got, err := codec.decode(scope, codec.encode(scope, want))
			if err != nil || !got.CreatedAt.Equal(want.CreatedAt) || got.ID != want.ID {
				t.Fatalf("round trip of %v: %v, %v", want, got, err)
			}
			if _, err := codec.decode(cursorScope{integration: "i2", endpoint: "Users", filter: scope.filter}, codec.encode(scope, want)); err == nil {
				t.Fatalf("cursor of integration i1 accepted for i2")
			}
		}
		r := ts.with(t).do("GET", "/Users?count=1&cursor="+url.QueryEscape(tok), nil)
		if r.status != http.StatusOK && r.status != http.StatusBadRequest {
			t.Fatalf("cursor %q: %d %s", tok, r.status, r.raw)
		}
	})
}
