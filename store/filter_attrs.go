package store

import "strings"

// colKind says how a column compares.
type colKind int

const (
	kindText      colKind = iota // case-insensitive text (SCIM caseExact false)
	kindExactText                // case-sensitive text (caseExact true: id, externalId, manager)
	kindBool
	kindTime
)

type column struct {
	expr     string // SQL expression over the row alias
	kind     colKind
	nullable bool
}

// accountColumns maps lower-cased SCIM attribute paths of a User to columns
// of accounts (alias a). Emails live in account_emails (see emailColumns).
var accountColumns = map[string]column{
	"id":                          {"a.id", kindExactText, false},
	"externalid":                  {"a.external_id", kindExactText, true},
	"username":                    {"a.user_name", kindText, false},
	"displayname":                 {"a.display_name", kindText, false},
	"nickname":                    {"a.nick_name", kindText, false},
	"title":                       {"a.title", kindText, false},
	"usertype":                    {"a.user_type", kindText, false},
	"preferredlanguage":           {"a.preferred_language", kindText, false},
	"locale":                      {"a.locale", kindText, false},
	"timezone":                    {"a.timezone", kindText, false},
	"active":                      {sourceActive, kindBool, false}, // as the integration sees it
	"name.formatted":              {"a.formatted_name", kindText, false},
	"name.givenname":              {"a.given_name", kindText, false},
	"name.familyname":             {"a.family_name", kindText, false},
	"name.middlename":             {"a.middle_name", kindText, false},
	"name.honorificprefix":        {"a.honorific_prefix", kindText, false},
	"name.honorificsuffix":        {"a.honorific_suffix", kindText, false},
	"meta.created":                {"a.created_at", kindTime, false},
	"meta.lastmodified":           {"a.updated_at", kindTime, false},
	enterprise + "employeenumber": {"a.employee_number", kindText, false},
	enterprise + "department":     {"a.department", kindText, false},
	enterprise + "organization":   {"a.organization", kindText, false},
	enterprise + "division":       {"a.division", kindText, false},
	enterprise + "costcenter":     {"a.cost_center", kindText, false},
	enterprise + "manager":        {"a.manager_id", kindExactText, false},
	enterprise + "manager.value":  {"a.manager_id", kindExactText, false},
}

// emailColumns are the sub-attributes of emails, over account_emails (alias e).
var emailColumns = map[string]column{
	"value":   {"e.value", kindText, false},
	"type":    {"e.type", kindText, false},
	"primary": {"e.is_primary", kindBool, false},
	"display": {"e.display", kindText, false},
}

const (
	coreUserURN = "urn:ietf:params:scim:schemas:core:2.0:user:"
	enterprise  = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:"
)

// canonicalAttr lower-cases a path, drops the core schema URN and gives
// enterprise attributes their URN, so that "userName",
// "urn:...:core:2.0:User:userName" and "USERNAME" are one attribute.
func canonicalAttr(attr string) string {
	a := strings.ToLower(strings.TrimSpace(attr))
	a = strings.TrimPrefix(a, coreUserURN)
	if _, ok := accountColumns[a]; !ok {
		if _, ok := accountColumns[enterprise+a]; ok {
			return enterprise + a
		}
	}
	return a
}

// isEmailsAttr splits "emails" / "emails.sub" into its sub-attribute
// ("value" for bare "emails", as RFC 7644 §3.4.2.2 asks).
func isEmailsAttr(a string) (sub string, ok bool) {
	if a == "emails" {
		return "value", true
	}
	if rest, found := strings.CutPrefix(a, "emails."); found {
		return rest, true
	}
	return "", false
}
