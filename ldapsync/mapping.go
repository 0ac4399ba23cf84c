package ldapsync

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/go-ldap/ldap/v3"
)

// mapping is users.attributes compiled once per run: the attribute list to
// request and, per account field, the attributes to try in order.
type mapping struct {
	fields  map[string][]string
	request []string
	keyAttr string
}

func newMapping(c *Config) mapping {
	m := mapping{fields: map[string][]string{}}
	seen := map[string]bool{}
	for _, f := range Fields {
		v := c.Users.Attributes[f]
		if v == "" {
			continue
		}
		alts := strings.Split(v, "|")
		m.fields[f] = alts
		for _, a := range alts {
			if !seen[strings.ToLower(a)] {
				seen[strings.ToLower(a)] = true
				m.request = append(m.request, a)
			}
		}
	}
	m.keyAttr = m.fields[FieldExternalID][0]
	return m
}

func (m mapping) first(e *ldap.Entry, field string) string {
	for _, a := range m.fields[field] {
		if v := e.GetEqualFoldAttributeValue(a); v != "" {
			return v
		}
	}
	return ""
}

// externalID reads the key attribute. objectGUID is binary in Microsoft's
// mixed-endian layout; it becomes the canonical lower-case UUID string so it
// reads like an entryUUID and matches what Entra/SCIM tooling shows.
func externalID(e *ldap.Entry, attr string) (string, error) {
	if strings.EqualFold(attr, "objectGUID") {
		b := e.GetEqualFoldRawAttributeValue(attr)
		if len(b) != 16 {
			return "", fmt.Errorf("ldapsync: %s of %q: want 16 bytes, got %d: %w", attr, e.DN, len(b), errBadEntry)
		}
		return guidString(b), nil
	}
	v := strings.ToLower(strings.TrimSpace(e.GetEqualFoldAttributeValue(attr)))
	if v == "" {
		return "", fmt.Errorf("ldapsync: %q has no %s: %w", e.DN, attr, errBadEntry)
	}
	return v, nil
}

func guidString(b []byte) string {
	o := []byte{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]}
	h := hex.EncodeToString(o)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// toUser maps one entry; it is inactive when the disabled filter matched it.
func (m mapping) toUser(e *ldap.Entry, disabled map[string]struct{}) (User, error) {
	id, err := externalID(e, m.keyAttr)
	if err != nil {
		return User{}, err
	}
	_, off := disabled[id]
	u := User{
		ExternalID: id, DN: e.DN, Active: !off,
		UserName:          m.first(e, FieldUserName),
		GivenName:         m.first(e, FieldGivenName),
		FamilyName:        m.first(e, FieldFamilyName),
		DisplayName:       m.first(e, FieldDisplayName),
		PreferredLanguage: m.first(e, FieldPreferredLanguage),
		Phone:             m.first(e, FieldPhone),
		EmployeeNumber:    m.first(e, FieldEmployeeNumber),
		Department:        m.first(e, FieldDepartment),
		Manager:           m.first(e, FieldManager),
	}
	if u.UserName == "" {
		return User{}, fmt.Errorf("ldapsync: %q has no userName attribute: %w", e.DN, errBadEntry)
	}
	for _, a := range m.fields[FieldEmail] {
		if vs := e.GetEqualFoldAttributeValues(a); len(vs) > 0 {
			u.Emails = vs
			u.Email = vs[0]
			break
		}
	}
	u.Hash = userHash(&u)
	return u, nil
}

// userHash covers every field the Target stores, so an unchanged entry is
// skipped without a write and any change (a rename's DN included) is not.
func userHash(u *User) string {
	h := sha256.New()
	for _, s := range []string{u.ExternalID, u.DN, u.UserName, u.Email, strings.Join(u.Emails, "\x1f"),
		u.GivenName, u.FamilyName, u.DisplayName, u.PreferredLanguage, u.Phone, u.EmployeeNumber,
		u.Department, u.Manager, fmt.Sprint(u.Active)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
