package directory

import (
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// Writer says who changes an LDAP integration's settings, which decides
// what the settings may name.
type Writer int

const (
	// ByOperator is the CLI, fed from the operator's own files and flags: it
	// may name any file or environment variable.
	ByOperator Writer = iota
	// ByAdmin is the admin API and console: files and variables only within
	// the operator's AllowList, and the password itself again whenever
	// the credential scope (url, bind DN, TLS) changes.
	ByAdmin
)

// Settings is a change to an LDAP integration's settings.
type Settings struct {
	Config       *ldapsync.Config // every key, as the --ldap-config file has them; nil keeps the stored ones
	BindPassword *string          // the password itself; nil keeps the stored one where the rules allow
}

// InputError is a refused LDAP setting. Field is the request field
// (ldapConfig or ldapBindPassword); Message is safe to show.
type InputError struct{ Field, Message string }

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

// maxBindPassword bounds a given password; directories take far shorter ones.
const maxBindPassword = 1024

// Messages of the refusals an admin can meet, kept together so the API, the
// console and the docs say the same thing.
const (
	msgPasswordAgain = "changing url, bindDN or a TLS setting (startTLS, insecureSkipVerify, caFile, caCertificate) " +
		"needs the bind password again in ldapBindPassword: a stored password is never sent anywhere new"
	msgFileNotAllowed = "%s: the admin API and console may name only files under the directory the operator " +
		"allows (PROVISIOND_LDAP_FILES_DIR)%s"
	msgEnvNotAllowed = "bindPasswordEnv: the admin API and console may name only environment variables " +
		"starting with the prefix the operator allows (PROVISIOND_LDAP_ENV_PREFIX); give the password itself in ldapBindPassword"
)

// SetSettings applies ch to in, the integration as stored (or being
// created, with its ID already set), in place: the settings JSON and the
// sealed password. It returns the audit details of a change of url, bind
// DN, TLS settings or password (nil when none of them changed), which never
// hold the password. Refusals are *InputError or
// *ldapsync.ValidationError, both safe to show.
func (s *Service) SetSettings(in *store.Integration, ch Settings, by Writer) (map[string]any, error) {
	if in.Kind != "ldap" {
		return nil, &InputError{"ldapConfig", "only LDAP integrations have LDAP settings"}
	}
	var old ldapsync.Config
	if in.LDAPConfig != nil && *in.LDAPConfig != "" {
		var err error
		if old, err = ConfigOf(in); err != nil {
			return nil, err
		}
	}
	next := old
	if ch.Config != nil {
		next = *ch.Config
		next.BindPassword = ""
	}
	if by == ByAdmin {
		if err := s.checkReferences(old, next); err != nil {
			return nil, err
		}
	}
	moved := old.CredentialScope() != next.CredentialScope()
	oldSource := passwordSource(old, in.LDAPBindPassword)
	switch {
	case ch.BindPassword != nil:
		if *ch.BindPassword == "" || len(*ch.BindPassword) > maxBindPassword {
			return nil, &InputError{"ldapBindPassword", fmt.Sprintf("must be 1 to %d characters", maxBindPassword)}
		}
		if next.BindPasswordFile != "" || next.BindPasswordEnv != "" {
			return nil, &InputError{"ldapBindPassword", "give the password itself or bindPasswordFile / bindPasswordEnv, not both"}
		}
		next.BindPassword = *ch.BindPassword
	case next.BindDN == "" || next.BindPasswordFile != "" || next.BindPasswordEnv != "":
		// No password, or one the references give: the sealed one goes.
		if moved && by == ByAdmin && next.BindDN != "" && !s.Allow.allowsSource(next) {
			return nil, &InputError{"ldapBindPassword", msgPasswordAgain}
		}
	case in.LDAPBindPassword != nil && !moved:
		pw, err := s.openBindPassword(in.ID, old, in.LDAPBindPassword)
		if err != nil {
			return nil, &InputError{"ldapBindPassword", "the stored password cannot be opened (was the secret key changed?): give it again"}
		}
		next.BindPassword = pw
	default:
		// With no password before, the settings' validation says what is missing.
		if moved && next.BindDN != "" && oldSource != "" {
			return nil, &InputError{"ldapBindPassword", msgPasswordAgain}
		}
	}
	js, err := next.Stored()
	if err != nil {
		return nil, err
	}
	sealed, err := s.sealBindPassword(in.ID, next)
	if err != nil {
		return nil, err
	}
	in.LDAPConfig, in.LDAPBindPassword = &js, sealed
	return credentialChange(old, next, oldSource, passwordSource(next, sealed), ch.BindPassword != nil), nil
}

// checkReferences refuses a file or variable the admin names anew outside
// the operator's allow-list. One kept as stored is the operator's (or was
// allowed when set), so an admin can still edit other keys around it.
func (s *Service) checkReferences(old, next ldapsync.Config) error {
	l := s.Allow
	if p := next.BindPasswordFile; p != "" && p != old.BindPasswordFile && !l.allowsFile(p) {
		return &InputError{"ldapConfig", fmt.Sprintf(msgFileNotAllowed, "bindPasswordFile", "; give the password itself in ldapBindPassword")}
	}
	if p := next.CAFile; p != "" && p != old.CAFile && !l.allowsFile(p) {
		return &InputError{"ldapConfig", fmt.Sprintf(msgFileNotAllowed, "caFile", "; give the certificate itself (PEM) in caCertificate")}
	}
	if v := next.BindPasswordEnv; v != "" && v != old.BindPasswordEnv && !l.allowsEnv(v) {
		return &InputError{"ldapConfig", msgEnvNotAllowed}
	}
	return nil
}

// allowsSource reports whether c's password reference is one the operator
// lets admins direct anywhere: they could name it anew anyway.
func (l AllowList) allowsSource(c ldapsync.Config) bool {
	if c.BindPasswordFile != "" {
		return l.allowsFile(c.BindPasswordFile)
	}
	return c.BindPasswordEnv != "" && l.allowsEnv(c.BindPasswordEnv)
}

// passwordSource names where c's password comes from, for the audit trail.
func passwordSource(c ldapsync.Config, sealed []byte) string {
	if sealed != nil {
		return "stored"
	}
	if s := c.PasswordSource(); s != "given" {
		return s
	}
	return ""
}

// credentialChange is the audit detail of a change of where the password
// goes or where it comes from: before and after, never the password.
func credentialChange(old, next ldapsync.Config, oldSource, newSource string, given bool) map[string]any {
	if !given && oldSource == newSource && old.CredentialScope() == next.CredentialScope() {
		return nil
	}
	return map[string]any{
		"url":            map[string]any{"before": old.URL, "after": next.URL},
		"bindDN":         map[string]any{"before": old.BindDN, "after": next.BindDN},
		"tlsChanged":     old.StartTLS != next.StartTLS || old.InsecureSkipVerify != next.InsecureSkipVerify || old.CAFile != next.CAFile || old.CACertificate != next.CACertificate,
		"passwordSource": map[string]any{"before": oldSource, "after": newSource},
		"passwordGiven":  given,
	}
}

// ErrNoKeys means a sealed bind password was met by a Service without keys.
var ErrNoKeys = errors.New("directory: no secret keys to seal or open an LDAP bind password")
