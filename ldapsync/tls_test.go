package ldapsync

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// writeCA creates a CA and a server certificate for 127.0.0.1 in dir and
// returns the CA, certificate and key file paths.
func writeCA(t *testing.T, dir string) (caFile, certFile, keyFile string) {
	t.Helper()
	ca, caKey := ldaptest.NewCA(t)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(10, 0, 0),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	caFile, certFile, keyFile = filepath.Join(dir, "ca.pem"), filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	for f, b := range map[string]*pem.Block{caFile: {Type: "CERTIFICATE", Bytes: ca.Raw},
		certFile: {Type: "CERTIFICATE", Bytes: der}, keyFile: {Type: "PRIVATE KEY", Bytes: keyDER}} {
		if err := os.WriteFile(f, pem.EncodeToMemory(b), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return caFile, certFile, keyFile
}

// tlsDir is where the test leaves slapd's certificate files. slapd 2.5
// refuses to delete olcTLS* at runtime ("unwilling to perform"), so the files
// must outlive the test or a restarted slapd would not find them: a fixed
// directory, overwritten by each run (PROVISIOND_TEST_LDAP_TLS_DIR overrides).
func tlsDir(t *testing.T) string {
	t.Helper()
	d := os.Getenv("PROVISIOND_TEST_LDAP_TLS_DIR")
	if d == "" {
		d = filepath.Join(os.TempDir(), "provisiond-ldapsync-tls")
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestStartTLS turns TLS on in the running slapd through cn=config, then
// checks StartTLS verifies against caFile, fails without it, and that
// insecureSkipVerify gets through (it is logged at WARN).
func TestStartTLS(t *testing.T) {
	caFile, certFile, keyFile := writeCA(t, tlsDir(t))
	cc := ldaptest.Dial(t, configDN, adminPW)
	m := ldap.NewModifyRequest("cn=config", nil)
	m.Replace("olcTLSCACertificateFile", []string{caFile})
	m.Replace("olcTLSCertificateFile", []string{certFile})
	m.Replace("olcTLSCertificateKeyFile", []string{keyFile})
	if err := cc.Modify(m); err != nil {
		t.Fatalf("configure slapd TLS through cn=config: %v", err)
	}
	base := testConfig(t, suffix)
	base.StartTLS = true
	base.ApplyDefaults()
	ctx := context.Background()

	withCA := base
	withCA.CAFile = caFile
	conn, err := Dial(ctx, withCA, nil)
	if err != nil {
		t.Fatalf("StartTLS with caFile: %v", err)
	}
	if st, ok := conn.TLSConnectionState(); !ok || !st.HandshakeComplete {
		t.Fatal("connection is not TLS")
	}
	conn.Close()

	if _, err := Dial(ctx, base, nil); err == nil || !strings.Contains(err.Error(), "starttls") {
		t.Fatalf("StartTLS without the CA must fail verification, got %v", err)
	}
	insecure := base
	insecure.InsecureSkipVerify = true
	conn, err = Dial(ctx, insecure, nil)
	if err != nil {
		t.Fatalf("insecureSkipVerify: %v", err)
	}
	conn.Close()

	tg := newFakeTarget()
	if s := mustSync(t, withCA, tg, full); s.Read == 0 {
		t.Fatalf("sync over StartTLS read nothing: %+v", s)
	}
}
