package scim

import (
	"encoding/json"
	"fmt"

	"github.com/provisiond/provisiond/store"
)

// stringCols are the User attributes promoted to account columns.
func stringCols(a *store.Account) map[string]*string {
	return map[string]*string{
		"displayName": &a.DisplayName, "nickName": &a.NickName, "title": &a.Title, "userType": &a.UserType,
		"preferredLanguage": &a.PreferredLanguage, "locale": &a.Locale, "timezone": &a.Timezone,
	}
}

func nameCols(a *store.Account) map[string]*string {
	return map[string]*string{
		"formatted": &a.FormattedName, "givenName": &a.GivenName, "familyName": &a.FamilyName,
		"middleName": &a.MiddleName, "honorificPrefix": &a.HonorificPrefix, "honorificSuffix": &a.HonorificSuffix,
	}
}

func enterpriseCols(a *store.Account) map[string]*string {
	return map[string]*string{
		"employeeNumber": &a.EmployeeNumber, "department": &a.Department, "organization": &a.Organization,
		"division": &a.Division, "costCenter": &a.CostCenter,
	}
}

// applyUser sets every SCIM attribute of a from the canonical document m
// (what a PUT means); attributes absent from m are cleared. Fields that are
// not SCIM's (status, origin, password hash...) are left alone.
func applyUser(a *store.Account, m map[string]any) error {
	rest := map[string]any{}
	for k, v := range m {
		rest[k] = v
	}
	take := func(k string) any { v := rest[k]; delete(rest, k); return v }
	str := func(v any) string { s, _ := v.(string); return s }

	a.UserName = str(take("userName"))
	if v, ok := take("externalId").(string); ok && v != "" {
		a.ExternalID = &v
	} else {
		a.ExternalID = nil
	}
	active, ok := take("active").(bool)
	a.Active = active || !ok // absent means active, as IdPs assume
	for k, p := range stringCols(a) {
		*p = str(take(k))
	}
	name, _ := take("name").(map[string]any)
	for k, p := range nameCols(a) {
		*p = str(name[k])
	}
	a.Emails = nil
	if list, ok := take("emails").([]any); ok {
		for _, it := range list {
			e, _ := it.(map[string]any)
			primary, _ := e["primary"].(bool)
			a.Emails = append(a.Emails, store.Email{Value: str(e["value"]), Type: str(e["type"]), IsPrimary: primary, Display: str(e["display"])})
		}
	}
	ext, _ := take(EnterpriseURN).(map[string]any)
	extRest := map[string]any{}
	for k, v := range ext {
		extRest[k] = v
	}
	for k, p := range enterpriseCols(a) {
		*p = str(extRest[k])
		delete(extRest, k)
	}
	a.ManagerID = ""
	if mgr, ok := extRest["manager"].(map[string]any); ok {
		a.ManagerID = str(mgr["value"])
		mgrRest := map[string]any{}
		for k, v := range mgr {
			if k != "value" && k != "$ref" {
				mgrRest[k] = v
			}
		}
		setOrDelete(extRest, "manager", nilIfEmpty(mgrRest))
	}
	setOrDelete(rest, EnterpriseURN, nilIfEmpty(extRest))
	b, err := json.Marshal(rest)
	if err != nil {
		return fmt.Errorf("scim: encode attributes: %w", err)
	}
	a.Attributes = string(b)
	return nil
}

func nilIfEmpty(m map[string]any) any {
	if len(m) == 0 {
		return nil
	}
	return m
}
