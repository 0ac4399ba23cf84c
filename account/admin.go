package account

import (
	"encoding/json"
	"fmt"
	"net/mail"
	"strings"

	"github.com/provisiond/provisiond/store"
)

// AdminInput is an account as an admin types it (console form, API, CLI,
// one spreadsheet row). Roles are SCIM `roles` values, kept in the
// account's attributes JSON the way scim/ keeps them.
type AdminInput struct {
	Email             string   `json:"email,omitempty"`
	ExternalID        string   `json:"externalId,omitempty"`
	UserName          string   `json:"userName,omitempty"` // default: the email, else the external id
	GivenName         string   `json:"givenName,omitempty"`
	FamilyName        string   `json:"familyName,omitempty"`
	UserType          string   `json:"userType,omitempty"`
	Roles             []string `json:"roles,omitempty"`
	PreferredLanguage string   `json:"preferredLanguage,omitempty"`
}

// Build validates in and returns the active admin-created account it
// describes; errors wrap ErrInvalid and are safe to show.
func (in AdminInput) Build() (*store.Account, error) {
	in.Email = strings.TrimSpace(in.Email)
	in.UserName = strings.TrimSpace(in.UserName)
	in.ExternalID = strings.TrimSpace(in.ExternalID)
	if in.Email != "" {
		if err := checkEmail(in.Email); err != nil {
			return nil, err
		}
	}
	if in.UserName == "" {
		in.UserName = in.Email
	}
	if in.UserName == "" {
		in.UserName = in.ExternalID
	}
	if in.UserName == "" {
		return nil, invalid("an email, a user name or an external id is required")
	}
	lang := strings.ToLower(strings.TrimSpace(in.PreferredLanguage))
	if lang != "" && !validLanguage(lang) {
		return nil, invalid("language %q is not a language tag such as en or fr", in.PreferredLanguage)
	}
	a := &store.Account{Origin: "admin", UserName: in.UserName, Active: true,
		GivenName: strings.TrimSpace(in.GivenName), FamilyName: strings.TrimSpace(in.FamilyName),
		UserType: strings.TrimSpace(in.UserType), PreferredLanguage: lang}
	a.DisplayName = strings.TrimSpace(a.GivenName + " " + a.FamilyName)
	if in.ExternalID != "" {
		a.ExternalID = &in.ExternalID
	}
	if in.Email != "" {
		a.Emails = []store.Email{{Value: in.Email, Type: "work", IsPrimary: true}}
	}
	if err := SetRoles(a, in.Roles); err != nil {
		return nil, err
	}
	return a, nil
}

// checkEmail accepts one bare address (no display name).
func checkEmail(e string) error {
	addr, err := mail.ParseAddress(e)
	if err != nil || addr.Address != e {
		return invalid("%q is not an email address", e)
	}
	return nil
}

// validLanguage accepts short BCP 47 tags: "fr", "en-GB", "pt-br".
func validLanguage(l string) bool {
	if len(l) > 16 {
		return false
	}
	for i, part := range strings.Split(l, "-") {
		if part == "" || (i == 0 && (len(part) < 2 || len(part) > 3)) {
			return false
		}
		for _, c := range part {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// SetRoles replaces the SCIM roles of a ([{"value": r}, ...] in its
// attributes JSON), keeping its other attributes; empty values are dropped.
func SetRoles(a *store.Account, roles []string) error {
	attrs := map[string]any{}
	if a.Attributes != "" {
		if err := json.Unmarshal([]byte(a.Attributes), &attrs); err != nil {
			return fmt.Errorf("account: attributes of %s: %w", a.ID, err)
		}
	}
	var list []any
	for _, r := range roles {
		if r = strings.TrimSpace(r); r != "" {
			list = append(list, map[string]any{"value": r})
		}
	}
	delete(attrs, "roles")
	if len(list) > 0 {
		attrs["roles"] = list
	}
	b, err := json.Marshal(attrs)
	if err != nil {
		return fmt.Errorf("account: encode attributes: %w", err)
	}
	a.Attributes = string(b)
	return nil
}

// Roles returns the SCIM role values of a, as SetRoles writes them (and
// as IdPs send them: objects with a "value").
func Roles(a *store.Account) []string {
	var attrs struct {
		Roles []struct {
			Value string `json:"value"`
		} `json:"roles"`
	}
	if json.Unmarshal([]byte(a.Attributes), &attrs) != nil {
		return nil
	}
	out := []string{}
	for _, r := range attrs.Roles {
		if r.Value != "" {
			out = append(out, r.Value)
		}
	}
	return out
}
