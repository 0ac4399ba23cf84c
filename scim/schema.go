package scim

import "strings"

// Schema URNs.
const (
	UserURN       = "urn:ietf:params:scim:schemas:core:2.0:User"
	EnterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	GroupURN      = "urn:ietf:params:scim:schemas:core:2.0:Group"
	listURN       = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	patchURN      = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	searchURN     = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
)

// attr is one attribute definition (RFC 7643 §7). The same table renders
// /Schemas and normalises incoming resources (canonical names, types).
type attr struct {
	Name        string
	Type        string // string, boolean, complex, reference, dateTime, binary
	Multi       bool
	CaseExact   bool
	Required    bool
	Mutability  string // "" = readWrite
	Returned    string // "" = default
	Uniqueness  string // "" = none
	Description string
	Sub         []attr
}

func str(name, desc string) attr { return attr{Name: name, Type: "string", Description: desc} }

var multiSub = []attr{str("value", "The value."), str("display", "A human-readable name."),
	str("type", "A label, e.g. work or home."), {Name: "primary", Type: "boolean", Description: "The primary value."}}

// userAttrs is the core User schema as stored here.
var userAttrs = []attr{
	{Name: "externalId", Type: "string", CaseExact: true, Description: "The identifier of the user in the provisioning client."},
	{Name: "userName", Type: "string", Required: true, Uniqueness: "server", Description: "Unique identifier for the User, used to sign in."},
	{Name: "name", Type: "complex", Description: "The components of the user's name.", Sub: []attr{
		str("formatted", "The full name."), str("familyName", "The family name."), str("givenName", "The given name."),
		str("middleName", "The middle name."), str("honorificPrefix", "The honorific prefix."), str("honorificSuffix", "The honorific suffix.")}},
	str("displayName", "The name displayed to end-users."),
	str("nickName", "The casual name."),
	{Name: "profileUrl", Type: "reference", Description: "A URL to the user's profile."},
	str("title", "The user's title."),
	str("userType", "The relationship to the organization."),
	str("preferredLanguage", "Preferred language (RFC 7231 Accept-Language form)."),
	str("locale", "Default location, e.g. en-US."),
	str("timezone", "Time zone, IANA name."),
	{Name: "active", Type: "boolean", Description: "Whether the account may be used."},
	{Name: "password", Type: "string", Mutability: "writeOnly", Returned: "never", Description: "Never stored as sent, never returned."},
	{Name: "emails", Type: "complex", Multi: true, Description: "Email addresses.", Sub: multiSub},
	{Name: "phoneNumbers", Type: "complex", Multi: true, Description: "Phone numbers.", Sub: multiSub},
	{Name: "ims", Type: "complex", Multi: true, Description: "Instant messaging addresses.", Sub: multiSub},
	{Name: "photos", Type: "complex", Multi: true, Description: "Photo URLs.", Sub: multiSub},
	{Name: "addresses", Type: "complex", Multi: true, Description: "Physical mailing addresses.", Sub: []attr{
		str("formatted", "The full address."), str("streetAddress", "Street."), str("locality", "City."),
		str("region", "State or region."), str("postalCode", "Postal code."), str("country", "Country."),
		str("type", "A label, e.g. work."), {Name: "primary", Type: "boolean", Description: "The primary address."}}},
	{Name: "groups", Type: "complex", Multi: true, Mutability: "readOnly", Description: "Groups the user belongs to.", Sub: []attr{
		str("value", "Group id."), {Name: "$ref", Type: "reference", Description: "Group URI."}, str("display", "Group name."), str("type", "direct or indirect.")}},
	{Name: "entitlements", Type: "complex", Multi: true, Description: "Entitlements.", Sub: multiSub},
	{Name: "roles", Type: "complex", Multi: true, Description: "Roles.", Sub: multiSub},
	{Name: "x509Certificates", Type: "complex", Multi: true, Description: "Certificates.", Sub: multiSub},
}

// enterpriseAttrs is the enterprise User extension.
var enterpriseAttrs = []attr{
	str("employeeNumber", "Employee number."), str("costCenter", "Cost center."), str("organization", "Organization."),
	str("division", "Division."), str("department", "Department."),
	{Name: "manager", Type: "complex", Description: "The user's manager.", Sub: []attr{
		{Name: "value", Type: "string", CaseExact: true, Description: "The manager's id."},
		{Name: "$ref", Type: "reference", Description: "The manager's URI."},
		{Name: "displayName", Type: "string", Mutability: "readOnly", Description: "The manager's name."}}},
}

// groupAttrs is the core Group schema (served here for the Groups handlers).
var groupAttrs = []attr{
	{Name: "displayName", Type: "string", Required: true, Description: "A human-readable name for the Group."},
	{Name: "members", Type: "complex", Multi: true, Description: "A list of members of the Group.", Sub: []attr{
		{Name: "value", Type: "string", Mutability: "immutable", Description: "Identifier of the member."},
		{Name: "$ref", Type: "reference", Mutability: "immutable", Description: "URI of the member."},
		{Name: "display", Type: "string", Mutability: "immutable", Description: "Name of the member."},
		{Name: "type", Type: "string", Mutability: "immutable", Description: "User or Group."}}},
}

// lookupAttr finds name among attrs, case-insensitively.
func lookupAttr(attrs []attr, name string) (attr, bool) {
	for _, a := range attrs {
		if strings.EqualFold(a.Name, name) {
			return a, true
		}
	}
	return attr{}, false
}
