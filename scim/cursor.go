package scim

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"time"

	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
)

// Cursor paging (RFC 9865). A cursor is the keyset position of the last
// resource of a page (store.Keyset: created_at and id) and the time it
// was issued, signed with an HMAC under the server's secret key
// (secret.PurposeSCIMCursor) over what it pages: the integration that
// asked, the endpoint, the filter and the sort order. It is never stored:
// any replica that shares the key can read it, and a walk costs the server
// nothing between pages.
//
// A cursor names no tenant: the integration comes from the request's
// authentication, and a cursor signed for another integration, another
// endpoint or another filter fails the HMAC like a tampered or made-up one
// (400 invalidCursor, one detail for all, RFC 9865 §5 "Confidentiality").
// A genuine cursor older than cursorTimeout is 400 expiredCursor.
const (
	cursorVersion = 1
	cursorMACLen  = 16
	cursorMaxID   = 64
	// cursorMaxLen bounds what is decoded: a real cursor is at most 130
	// characters (a UUID id is 36 bytes).
	cursorMaxLen = 160
	// cursorTimeout is the time a cursor stays valid after its page was
	// served (ServiceProviderConfig pagination.cursorTimeout).
	cursorTimeout = time.Hour
)

// RFC 9865 §2.1 scimType values.
const (
	typeInvalidCursor = "invalidCursor"
	typeExpiredCursor = "expiredCursor"
	typeInvalidCount  = "invalidCount"
)

const (
	detailInvalidCursor = "cursor is invalid: send an empty cursor to start, then each response's nextCursor, with the same filter and sortOrder"
	detailExpiredCursor = "cursor has expired: start again with an empty cursor"
)

// cursorScope is what a cursor pages; it must be the same on every page.
type cursorScope struct {
	integration string
	endpoint    string // "Users" or "Groups"
	filter      string // as the client sent it, trimmed
	desc        bool
}

// cursorCodec signs and reads cursors.
type cursorCodec struct {
	keys *secret.Keys
	now  func() time.Time
}

// newCursorCodec signs with keys; without keys (tests, tools) with a
// random key of this process, so cursors do not outlive it.
func newCursorCodec(keys *secret.Keys) *cursorCodec {
	if keys == nil {
		var b [32]byte
		rand.Read(b[:])
		keys, _ = secret.NewKeys(hex.EncodeToString(b[:]))
	}
	return &cursorCodec{keys: keys, now: time.Now}
}

// mac is the truncated HMAC of payload within scope.
func (c *cursorCodec) mac(sc cursorScope, payload []byte) []byte {
	f := sha256.Sum256([]byte(sc.filter))
	order := "a"
	if sc.desc {
		order = "d"
	}
	msg := "v1\x00" + sc.integration + "\x00" + sc.endpoint + "\x00" + order + "\x00" + hex.EncodeToString(f[:]) +
		"\x00" + hex.EncodeToString(payload)
	sum, _ := hex.DecodeString(c.keys.HMAC(secret.PurposeSCIMCursor, msg))
	return sum[:cursorMACLen]
}

// encode returns the cursor of position k in scope: URL-safe base64
// without padding, only RFC 3986 unreserved characters.
func (c *cursorCodec) encode(sc cursorScope, k *store.Keyset) string {
	id := k.ID
	if len(id) > cursorMaxID {
		id = id[:cursorMaxID] // never: ids are UUIDs
	}
	payload := make([]byte, 17, 17+len(id)+cursorMACLen)
	payload[0] = cursorVersion
	binary.BigEndian.PutUint64(payload[1:9], uint64(c.now().Unix()))
	binary.BigEndian.PutUint64(payload[9:17], uint64(k.CreatedAt.UnixNano()))
	payload = append(payload, id...)
	return base64.RawURLEncoding.EncodeToString(append(payload, c.mac(sc, payload)...))
}

// decode reads a cursor of scope, or returns the RFC 9865 error to send.
func (c *cursorCodec) decode(sc cursorScope, tok string) (*store.Keyset, error) {
	invalid := badRequest(typeInvalidCursor, detailInvalidCursor)
	if len(tok) > cursorMaxLen {
		return nil, invalid
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(raw) < 18+cursorMACLen || raw[0] != cursorVersion {
		return nil, invalid
	}
	payload, sum := raw[:len(raw)-cursorMACLen], raw[len(raw)-cursorMACLen:]
	if subtle.ConstantTimeCompare(sum, c.mac(sc, payload)) != 1 {
		return nil, invalid
	}
	issued := time.Unix(int64(binary.BigEndian.Uint64(payload[1:9])), 0)
	if c.now().Sub(issued) > cursorTimeout {
		return nil, badRequest(typeExpiredCursor, detailExpiredCursor)
	}
	created := time.Unix(0, int64(binary.BigEndian.Uint64(payload[9:17]))).UTC()
	return store.KeysetOf(created, string(payload[17:])), nil
}
