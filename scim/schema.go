package scim

import (
	"strings"

	"github.com/elimity-com/scim/schema"
)

// Schema URNs (schema_test.go checks that they are the model's ids).
const (
	UserURN       = schema.UserSchema
	EnterpriseURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
	GroupURN      = schema.GroupSchema
	listURN       = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	patchURN      = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	searchURN     = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
)

// The SCIM model is elimity-com/scim's definition of RFC 7643's schemas:
// every attribute with its type, sub-attributes, multiValued, mutability,
// returned, caseExact, uniqueness, canonicalValues and referenceTypes.
// /Schemas renders these values; normalisation, coercion, PATCH path
// validation and value filters read them. Nothing here restates an
// attribute by hand.
var (
	userSchema       = schema.CoreUserSchema()
	enterpriseSchema = schema.ExtensionEnterpriseUser()
	groupSchema      = schema.CoreGroupSchema()

	// userResource and groupResource add the common attributes (id,
	// externalId, meta, schemas: RFC 7643 §3.1), which every resource has
	// but no schema document lists, so that a PATCH path or a key naming
	// them resolves with its mutability.
	userResource  = withCommon(userSchema)
	groupResource = withCommon(groupSchema)
)

func withCommon(s schema.Schema) schema.Schema {
	s.Attributes = append(schema.Attributes(schema.CommonAttributes()), s.Attributes...)
	return s
}

// The mutability and type keywords of the model (RFC 7643 §7).
const (
	readOnly    = "readOnly"
	writeOnly   = "writeOnly"
	typeComplex = "complex"
)

// userExtensions are the schema extensions a User may carry, by URN.
var userExtensions = []schema.Schema{enterpriseSchema}

// splitURN splits a key or path into its extension container ("" for the
// core schema), the schema that defines it and the rest of the key. URNs
// match case-insensitively, as attribute names do (RFC 7643 §2.1).
func splitURN(key string) (container string, s schema.Schema, rest string) {
	for legacy, urn := range legacyURNs {
		if urnPrefixed(key, legacy) {
			key = urn + key[len(legacy):]
			break
		}
	}
	for _, ext := range userExtensions {
		if urnPrefixed(key, ext.ID) {
			return ext.ID, ext, strings.TrimPrefix(key[len(ext.ID):], ":")
		}
	}
	if urnPrefixed(key, UserURN) {
		return "", userResource, strings.TrimPrefix(key[len(UserURN):], ":")
	}
	return "", userResource, key
}

// legacyURNs are the draft-era schema URNs some IdPs still send (OneLogin's
// default template: "urn:scim:schemas:extension:enterprise:2.0"), read as
// the RFC 7643 ones (ours, doc.go).
var legacyURNs = map[string]string{
	"urn:scim:schemas:core:2.0":                 UserURN,
	"urn:scim:schemas:extension:enterprise:2.0": EnterpriseURN,
}

// urnPrefixed reports whether key is urn itself or starts with "urn:".
func urnPrefixed(key, urn string) bool {
	return len(key) >= len(urn) && strings.EqualFold(key[:len(urn)], urn) &&
		(len(key) == len(urn) || key[len(urn)] == ':')
}

// attrOf finds an attribute of s by name, case-insensitively.
func attrOf(s schema.Schema, name string) (schema.CoreAttribute, bool) {
	return s.Attributes.ContainsAttribute(name)
}

// subOf finds a sub-attribute of a complex attribute, case-insensitively.
func subOf(a schema.CoreAttribute, name string) (schema.CoreAttribute, bool) {
	return a.SubAttributes().ContainsAttribute(name)
}
