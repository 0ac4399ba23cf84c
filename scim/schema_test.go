package scim

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/elimity-com/scim/schema"

	"github.com/provisiond/provisiond/store"
)

// TestSchemaModel: /Schemas and /ResourceTypes are the library's model as
// it renders it; every reference names its referenceTypes; canonical values
// are published.
func TestSchemaModel(t *testing.T) {
	if UserURN != schema.CoreUserSchema().ID || EnterpriseURN != schema.ExtensionEnterpriseUser().ID ||
		GroupURN != schema.CoreGroupSchema().ID {
		t.Fatal("URN constants differ from the model's schema ids")
	}
	ts := newTestServer(t, store.SQLite, nil)
	list := ts.do("GET", "/Schemas", nil).mustStatus(t, http.StatusOK)
	for i, want := range []schema.Schema{schema.CoreUserSchema(), schema.ExtensionEnterpriseUser(), schema.CoreGroupSchema()} {
		got, _ := json.Marshal(get(list.body, "Resources."+string(rune('0'+i))+".attributes"))
		exp, _ := json.Marshal(want.ToMap()["attributes"])
		if string(got) != string(exp) {
			t.Errorf("%s: attributes are not the model's:\n got %.300s\nwant %.300s", want.ID, got, exp)
		}
		one := ts.do("GET", "/Schemas/"+want.ID, nil).mustStatus(t, http.StatusOK)
		if one.str("id") != want.ID || get(one.body, "meta.location") != "http://scim.test/scim/v2/Schemas/"+want.ID {
			t.Errorf("/Schemas/%s: %.200s", want.ID, one.raw)
		}
	}
	refs := 0
	var walk func(owner string, attrs []any)
	walk = func(owner string, attrs []any) {
		for _, it := range attrs {
			a := it.(map[string]any)
			name := owner + a["name"].(string)
			if a["type"] == "reference" {
				refs++
				if l, _ := a["referenceTypes"].([]any); len(l) == 0 {
					t.Errorf("%s is a reference without referenceTypes", name)
				}
			}
			if sub, ok := a["subAttributes"].([]any); ok {
				walk(name+".", sub)
			}
		}
	}
	for _, r := range list.body["Resources"].([]any) {
		walk("", r.(map[string]any)["attributes"].([]any))
	}
	if refs < 5 { // profileUrl, photos.value, groups.$ref, manager.$ref, members.$ref
		t.Errorf("%d reference attributes published", refs)
	}
	for _, it := range get(list.body, "Resources.0.attributes").([]any) {
		if a := it.(map[string]any); a["name"] == "emails" && get(a, "subAttributes.2.canonicalValues") == nil {
			t.Errorf("emails.type published without canonicalValues: %v", a)
		}
	}
	rt := ts.do("GET", "/ResourceTypes/User", nil).mustStatus(t, http.StatusOK)
	if rt.str("schema") != UserURN || get(rt.body, "schemaExtensions.0.schema") != EnterpriseURN ||
		rt.str("description") != schema.CoreUserSchema().Description.Value() {
		t.Errorf("/ResourceTypes/User: %s", rt.raw)
	}
}

// TestPatchPaths: PATCH paths resolve against the model, attribute names
// and URNs case-insensitively; what it does not define is invalidPath,
// what a client may not change is mutability.
func TestPatchPaths(t *testing.T) {
	ts := newTestServer(t, store.SQLite, nil)
	id := ts.createUser("paths", map[string]any{"phoneNumbers": []any{
		map[string]any{"value": "1", "type": "work"}, map[string]any{"value": "2", "type": "home"}, map[string]any{"value": "3", "type": "fax"}}})
	cases := []struct {
		op       string
		status   int
		scimType string
	}{
		{`{"op":"replace","path":"NAME.GIVENNAME","value":"Ann"}`, 204, ""},
		{`{"op":"replace","path":"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:department","value":"D"}`, 204, ""},
		{`{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:title","value":"T"}`, 204, ""},
		{`{"op":"replace","path":"externalId","value":"x-1"}`, 204, ""},
		{`{"op":"remove","path":"phoneNumbers[type eq \"work\" or type eq \"home\" or value eq \"nomatch\"]"}`, 204, ""},
		{`{"op":"replace","path":"name.nosuch","value":"x"}`, 400, typeInvalidPath},
		{`{"op":"replace","path":"emails[nosuch eq \"x\"].value","value":"x"}`, 400, typeInvalidPath},
		{`{"op":"replace","path":"emails[type eq \"work\"].nosuch","value":"x"}`, 400, typeInvalidPath},
		{`{"op":"replace","path":"name[givenName eq \"x\"]","value":"x"}`, 400, typeInvalidPath},
		{`{"op":"replace","path":"emails[type eq \"a\" and (value eq \"b\" or value eq \"c\")","value":"x"}`, 400, typeInvalidPath},
		{`{"op":"replace","path":"emails[primary gt true]","value":{}}`, 400, typeInvalidPath},
		{`{"op":"replace","path":"urn:example:other:2.0:User:x","value":"x"}`, 400, typeInvalidPath},
		{`{"op":"add","path":"groups","value":[{"value":"g"}]}`, 400, typeMutability},
		{`{"op":"replace","path":"meta.created","value":"x"}`, 400, typeMutability},
		{`{"op":"replace","path":"schemas","value":["x"]}`, 400, typeMutability},
		{`{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName","value":"x"}`, 400, typeMutability},
	}
	for _, c := range cases {
		r := ts.do("PATCH", "/Users/"+id, `{"Operations":[`+c.op+`]}`)
		if r.status != c.status || r.str("scimType") != c.scimType {
			t.Errorf("%s: %d %s", c.op, r.status, r.raw)
		}
	}
	doc := ts.do("GET", "/Users/"+id, nil).body
	if get(doc, "name.givenName") != "Ann" || get(doc, EnterpriseURN+"|department") != "D" || get(doc, "title") != "T" ||
		get(doc, "externalId") != "x-1" || get(doc, "phoneNumbers.0.value") != "3" || get(doc, "phoneNumbers.1") != nil {
		t.Errorf("after the valid paths: %v", doc)
	}
}
