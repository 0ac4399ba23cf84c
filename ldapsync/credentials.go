package ldapsync

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// CredentialScope names where a bind password goes and how it is protected
// on the way: the url, the bind DN and every TLS setting. A password given
// for one scope must not be sent in another (a changed url could be a host
// the changer controls; a disabled check or a new CA lets someone read the
// bind), so callers seal a stored password to its scope and ask for it
// again when the scope changes. The result is a hex digest, safe to store.
func (c *Config) CredentialScope() string {
	b, _ := json.Marshal([]any{c.URL, c.BindDN, c.StartTLS, c.InsecureSkipVerify, c.CAFile, c.CACertificate})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PasswordSource says where the bind password comes from: "file", "env",
// "given" (BindPassword, in memory) or "" for none.
func (c *Config) PasswordSource() string {
	switch {
	case c.BindPassword != "":
		return "given"
	case c.BindPasswordFile != "":
		return "file"
	case c.BindPasswordEnv != "":
		return "env"
	}
	return ""
}

// certPool parses PEM certificates, failing when there is none.
func certPool(pem []byte, from string) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("ldapsync: %s: %w", from, errNoCertificates)
	}
	return pool, nil
}
