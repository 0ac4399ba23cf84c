package directory

import (
	"errors"
	"fmt"

	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/store"
)

// ErrPasswordScope means the stored bind password does not open for the
// integration's current settings: they changed without the password being
// given again (or the secret key changed), and it must be given again.
var ErrPasswordScope = errors.New("directory: the stored LDAP bind password is not valid for these settings; give it again")

// bindPasswordAAD ties a sealed password to its integration and to its
// credential scope (ldapsync.Config.CredentialScope): a settings row whose
// url, bind DN or TLS settings were changed by any other path cannot open it,
// so the password cannot be sent where it was not given for.
func bindPasswordAAD(integrationID string, c ldapsync.Config) string {
	return "ldap-bind-password\x00" + integrationID + "\x00" + c.CredentialScope()
}

// sealBindPassword seals c.BindPassword for integration id; nil when there is none.
func (s *Service) sealBindPassword(id string, c ldapsync.Config) ([]byte, error) {
	if c.BindPassword == "" {
		return nil, nil
	}
	if s.Keys == nil {
		return nil, ErrNoKeys
	}
	if id == "" {
		return nil, errors.New("directory: seal an LDAP bind password: the integration has no id yet")
	}
	sealed, err := s.Keys.Seal([]byte(c.BindPassword), bindPasswordAAD(id, c))
	if err != nil {
		return nil, fmt.Errorf("directory: seal LDAP bind password: %w", err)
	}
	return sealed, nil
}

// openBindPassword opens a password sealed for integration id under c's scope.
func (s *Service) openBindPassword(id string, c ldapsync.Config, sealed []byte) (string, error) {
	if s.Keys == nil {
		return "", ErrNoKeys
	}
	pw, err := s.Keys.Open(sealed, bindPasswordAAD(id, c))
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrPasswordScope, err)
	}
	return string(pw), nil
}

// DialConfig is the configuration a connection to in's directory uses:
// the stored settings with the sealed password, if any, opened into
// BindPassword for this use only.
func (s *Service) DialConfig(in *store.Integration) (ldapsync.Config, error) {
	c, err := ConfigOf(in)
	if err != nil || in.LDAPBindPassword == nil {
		return c, err
	}
	if c.BindPasswordFile != "" || c.BindPasswordEnv != "" || c.BindDN == "" {
		return c, nil // SetSettings drops the sealed password then; a stale one is never sent
	}
	pw, err := s.openBindPassword(in.ID, c, in.LDAPBindPassword)
	if err != nil {
		return c, fmt.Errorf("directory: ldap settings of %q: %w", in.Name, err)
	}
	c.BindPassword = pw
	return c, nil
}
