package ldapsync

const defaultMaxDeactivatePercent = 10

// Account fields that users.attributes may map.
const (
	FieldUserName          = "userName"
	FieldEmail             = "email"
	FieldGivenName         = "givenName"
	FieldFamilyName        = "familyName"
	FieldDisplayName       = "displayName"
	FieldExternalID        = "externalId"
	FieldPreferredLanguage = "preferredLanguage"
	FieldPhone             = "phone"
	FieldEmployeeNumber    = "employeeNumber"
	FieldDepartment        = "department"
	FieldManager           = "manager"
)

// Fields lists every key users.attributes accepts.
var Fields = []string{FieldUserName, FieldEmail, FieldGivenName, FieldFamilyName, FieldDisplayName,
	FieldExternalID, FieldPreferredLanguage, FieldPhone, FieldEmployeeNumber, FieldDepartment, FieldManager}

// openLDAPAttributes fit inetOrgPerson; entryUUID is operational, so it is
// requested by name (it survives renames and moves, the DN does not).
var openLDAPAttributes = map[string]string{
	FieldUserName: "uid", FieldEmail: "mail", FieldGivenName: "givenName", FieldFamilyName: "sn",
	FieldDisplayName: "displayName|cn", FieldExternalID: "entryUUID",
	FieldPreferredLanguage: "preferredLanguage", FieldPhone: "telephoneNumber",
	FieldEmployeeNumber: "employeeNumber", FieldDepartment: "departmentNumber", FieldManager: "manager",
}

var adAttributes = map[string]string{
	FieldUserName: "sAMAccountName", FieldEmail: "mail", FieldGivenName: "givenName", FieldFamilyName: "sn",
	FieldDisplayName: "displayName|cn", FieldExternalID: "objectGUID",
	FieldPreferredLanguage: "preferredLanguage", FieldPhone: "telephoneNumber",
	FieldEmployeeNumber: "employeeNumber", FieldDepartment: "department", FieldManager: "manager",
}

// ApplyDefaults fills every unset key so that a plain OpenLDAP inetOrgPerson
// directory works with url, bindDN, a password and users.baseDN alone, or an
// Active Directory with activeDirectory: true. Set keys are kept.
func (c *Config) ApplyDefaults() {
	attrs, userFilter, disabled, groupFilter := openLDAPAttributes, "(objectClass=inetOrgPerson)",
		// ppolicy's "locked by an administrator" value; temporary lockouts
		// (a real timestamp) expire on their own and must not suspend anyone.
		"(pwdAccountLockedTime=000001010000Z)", "(objectClass=groupOfNames)"
	if c.ActiveDirectory {
		attrs, userFilter, groupFilter = adAttributes, "(&(objectCategory=person)(objectClass=user))", "(objectClass=group)"
		disabled = "(userAccountControl:1.2.840.113556.1.4.803:=2)" // ACCOUNTDISABLE bit
	}
	if c.Users.Filter == "" {
		c.Users.Filter = userFilter
	}
	if c.Users.DisabledFilter == "" {
		c.Users.DisabledFilter = disabled
	}
	if c.Users.Attributes == nil {
		c.Users.Attributes = map[string]string{}
	}
	for k, v := range attrs {
		if _, ok := c.Users.Attributes[k]; !ok {
			c.Users.Attributes[k] = v
		}
	}
	if c.Groups.Filter == "" {
		c.Groups.Filter = groupFilter
	}
	if c.Groups.MemberAttribute == "" {
		c.Groups.MemberAttribute = "member"
	}
	if c.MaxDeactivatePercent == nil {
		p := float64(defaultMaxDeactivatePercent)
		c.MaxDeactivatePercent = &p
	}
}
