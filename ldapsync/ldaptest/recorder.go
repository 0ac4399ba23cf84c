package ldaptest

import (
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	ber "github.com/go-asn1-ber/asn1-ber"
)

// Bind is one simple bind the recorder received.
type Bind struct{ DN, Password string }

// BindRecorder is a fake directory that records simple binds.
type BindRecorder struct {
	l     net.Listener
	mu    sync.Mutex
	binds []Bind
	wg    sync.WaitGroup
}

// LDAP protocol tags (RFC 4511 §4.2, §4.3).
const (
	appBindRequest           = 0
	appBindResponse          = 1
	appUnbindRequest         = 2
	resultInvalidCredentials = 49
)

// NewBindRecorder listens on a random local port until the test ends.
func NewBindRecorder(t testing.TB) *BindRecorder {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("ldaptest: listen: %v", err)
	}
	r := &BindRecorder{l: l}
	r.wg.Add(1)
	go r.accept()
	t.Cleanup(func() {
		l.Close()
		r.wg.Wait()
	})
	return r
}

// URL is the recorder's ldap:// URL.
func (r *BindRecorder) URL() string { return "ldap://" + r.l.Addr().String() }

// Binds returns every bind received so far.
func (r *BindRecorder) Binds() []Bind {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Bind(nil), r.binds...)
}

// Passwords returns the password of every bind received so far.
func (r *BindRecorder) Passwords() []string {
	var out []string
	for _, b := range r.Binds() {
		out = append(out, b.Password)
	}
	return out
}

// WaitForBinds waits until n binds arrived and returns them; it fails the
// test when they do not arrive within 10 seconds.
func (r *BindRecorder) WaitForBinds(t testing.TB, n int) []Bind {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b := r.Binds(); len(b) >= n {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("ldaptest: %d binds after 10s, want %d", len(r.Binds()), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (r *BindRecorder) accept() {
	defer r.wg.Done()
	for {
		c, err := r.l.Accept()
		if err != nil {
			return
		}
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			defer c.Close()
			r.serve(c)
		}()
	}
}

// serve answers binds on c until the client unbinds, hangs up or sends
// something else.
func (r *BindRecorder) serve(c net.Conn) {
	for {
		c.SetDeadline(time.Now().Add(30 * time.Second))
		p, err := ber.ReadPacket(c)
		if err != nil || len(p.Children) < 2 {
			return
		}
		id, op := p.Children[0], p.Children[1]
		if op.ClassType != ber.ClassApplication || op.Tag != appBindRequest {
			return // unbind or anything we do not speak
		}
		b, err := parseSimpleBind(op)
		if err != nil {
			return
		}
		r.mu.Lock()
		r.binds = append(r.binds, b)
		r.mu.Unlock()
		if _, err := c.Write(bindRefused(id.Value).Bytes()); err != nil {
			return
		}
	}
}

var errNotSimple = errors.New("ldaptest: not a simple bind")

// parseSimpleBind reads BindRequest ::= [APPLICATION 0] SEQUENCE {
// version INTEGER, name LDAPDN, authentication CHOICE { simple [0] OCTET STRING, ... } }.
func parseSimpleBind(op *ber.Packet) (Bind, error) {
	if len(op.Children) < 3 {
		return Bind{}, errNotSimple
	}
	auth := op.Children[2]
	if auth.ClassType != ber.ClassContext || auth.Tag != 0 {
		return Bind{}, errNotSimple
	}
	dn, _ := op.Children[1].Value.(string)
	return Bind{DN: dn, Password: string(auth.Data.Bytes())}, nil
}

// bindRefused is a BindResponse with invalidCredentials for message id.
func bindRefused(id any) *ber.Packet {
	msg := ber.Encode(ber.ClassUniversal, ber.TypeConstructed, ber.TagSequence, nil, "LDAPMessage")
	msg.AppendChild(ber.NewInteger(ber.ClassUniversal, ber.TypePrimitive, ber.TagInteger, id, "messageID"))
	resp := ber.Encode(ber.ClassApplication, ber.TypeConstructed, appBindResponse, nil, "BindResponse")
	resp.AppendChild(ber.NewInteger(ber.ClassUniversal, ber.TypePrimitive, ber.TagEnumerated, resultInvalidCredentials, "resultCode"))
	resp.AppendChild(ber.NewString(ber.ClassUniversal, ber.TypePrimitive, ber.TagOctetString, "", "matchedDN"))
	resp.AppendChild(ber.NewString(ber.ClassUniversal, ber.TypePrimitive, ber.TagOctetString, "recorded", "diagnosticMessage"))
	msg.AppendChild(resp)
	return msg
}
