package scim

import (
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// entraUser is the create Entra sends (Microsoft's SCIM endpoint guide).
const entraUser = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
	"externalId":"ada","userName":"ada@contoso.com","active":true,
	"emails":[{"primary":true,"type":"work","value":"ada@contoso.com"}],
	"meta":{"resourceType":"User"},"name":{"formatted":"Ada L","familyName":"L","givenName":"Ada"},"roles":[],
	"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7","department":"R&D"}}`

// entraGroup is Entra's group create, with its own ADSCIM schema URN.
const entraGroup = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group"],
	"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Staff","members":[],"meta":{"resourceType":"Group"}}`

// eachEntra runs f on each dialect after Entra's connection test
// (entraConnect), query being the flags Entra appends to the tenant URL.
func eachEntra(t *testing.T, query string, f func(t *testing.T, ts *testServer)) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts := newTestServer(t, d, nil)
			entraConnect(t, ts, query)
			f(t, ts)
		})
	}
}

// entraConnect replays "Test Connection" and provisioning on demand: a
// filter on a random userName or displayName, groups without their members;
// all answer 200 with zero results, then the match before a create.
func entraConnect(t *testing.T, ts *testServer, query string) {
	t.Helper()
	for _, p := range []string{
		"/Users?" + query + "filter=userName+eq+%22e5f0c3b6-5d4f-4a7c-9c1b-7f1f4e0a9d21%22",
		"/Users?" + query + "excludedAttributes=members&filter=userName+eq+%22e5f0c3b6-5d4f-4a7c-9c1b-7f1f4e0a9d21%22",
		"/Users?" + query + "excludedAttributes=members&filter=displayName+eq+%22Test_User_e5f0c3b6%22",
		"/Groups?" + query + "excludedAttributes=members&filter=displayName+eq+%22e5f0c3b6-5d4f-4a7c-9c1b-7f1f4e0a9d21%22",
		"/Groups?" + query + "excludedAttributes=members&filter=externalId+eq+%22e5f0c3b6%22",
		"/Users?" + query + "filter=emails%5Btype+eq+%22work%22%5D.value+eq+%22ada%40contoso.com%22",
		"/Users?" + query + "filter=externalId+eq+%22ada%22",
	} {
		total(t, ts.replay(t, "GET", p, nil, http.StatusOK), 0)
	}
	ts.replay(t, "POST", "/.search", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName eq \"nobody\"","excludedAttributes":["members"]}`, http.StatusOK)
}

// Entra ID without the aadOptscim062020 flag: capitalized ops, the string
// "False", members removed by a value list, one op per changed attribute.
func TestReplayEntra(t *testing.T) {
	eachEntra(t, "", func(t *testing.T, ts *testServer) {
		id := ts.replay(t, "POST", "/Users", entraUser, http.StatusCreated).str("id")
		total(t, ts.replay(t, "GET", "/Users?filter=userName+eq+%22ada%40contoso.com%22", nil, http.StatusOK), 1)
		ts.replay(t, "PATCH", "/Users/"+id, patchOf(`
			{"op":"Replace","path":"emails[type eq \"work\"].value","value":"ada.l@contoso.com"},
			{"op":"Replace","path":"name.familyName","value":"Lovelace"},
			{"op":"Replace","path":"addresses[type eq \"work\"].locality","value":"London"},
			{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Math"},
			{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"boss-id"}`), http.StatusNoContent)
		ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"Add","path":"nickName","value":"Babs"}`), http.StatusNoContent)
		ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"Replace","path":"userName","value":"ada.l@contoso.com"}`), http.StatusNoContent)
		ts.user(t, id, map[string]any{"userName": "ada.l@contoso.com", "emails.0.value": "ada.l@contoso.com", "name.familyName": "Lovelace",
			"addresses.0.locality": "London", "nickName": "Babs", EnterpriseURN + "|department": "Math", EnterpriseURN + "|manager.value": "boss-id"})

		gid := ts.replay(t, "POST", "/Groups", entraGroup, http.StatusCreated).str("id")
		total(t, ts.replay(t, "GET", "/Groups?excludedAttributes=members&filter=displayName+eq+%22Staff%22", nil, http.StatusOK), 1)
		ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"Add","path":"members","value":[{"$ref":null,"value":"`+id+`"}]}`), http.StatusNoContent)
		if g := ts.replay(t, "GET", "/Groups/"+gid+"?excludedAttributes=members", nil, http.StatusOK); g.body["members"] != nil {
			t.Fatalf("excludedAttributes=members: %s", g.raw)
		}
		ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"Replace","path":"displayName","value":"Staff 2"}`), http.StatusNoContent)
		ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"Remove","path":"members","value":[{"value":"`+id+`"}]}`), http.StatusNoContent)
		if m := ts.members(t, gid); len(m) != 0 {
			t.Fatalf("members after Remove: %v", m)
		}

		ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"Replace","path":"active","value":"False"}`), http.StatusNoContent)
		ts.user(t, id, map[string]any{"active": false})
		total(t, ts.replay(t, "GET", "/Users?filter=userName+eq+%22ada.l%40contoso.com%22", nil, http.StatusOK), 1)
		ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"Replace","path":"active","value":"True"}`), http.StatusNoContent)
		ts.replay(t, "DELETE", "/Users/"+id, nil, http.StatusNoContent)
		ts.replay(t, "GET", "/Users/"+id, nil, http.StatusNotFound)
		ts.replay(t, "DELETE", "/Groups/"+gid, nil, http.StatusNoContent)
	})
}

// Entra ID with the aadOptscim062020 flag (appended to the tenant URL):
// lower-case ops, booleans, one no-path replace carrying dotted and URN
// keys, members removed by a value filter, a group renamed without a path.
func TestReplayEntraOpt062020(t *testing.T) {
	eachEntra(t, "aadOptscim062020&", func(t *testing.T, ts *testServer) {
		id := ts.replay(t, "POST", "/Users?aadOptscim062020", entraUser, http.StatusCreated).str("id")
		ts.replay(t, "PATCH", "/Users/"+id+"?aadOptscim062020", patchOf(`{"op":"replace","value":{
			"displayName":"Ada Lovelace","name.givenName":"Augusta","name.familyName":"Lovelace",
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"8",
			"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"boss-id"}}`), http.StatusNoContent)
		ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"add","value":{"nickName":"Babs"}}`), http.StatusNoContent)
		ts.replay(t, "PATCH", "/Users/"+id+"?aadOptscim062020", patchOf(`{"op":"replace","value":{
			"emails[type eq \"work\"].value":"augusta@example.com",
			"addresses[type eq \"work\"].locality":"Paris",
			"phoneNumbers[type eq \"work\"].value":"+33 1 23 45 67 89"}}`), http.StatusNoContent)
		if u := ts.replay(t, "GET", "/Users/"+id, nil, http.StatusOK); !strings.Contains(string(u.raw), "augusta@example.com") ||
			!strings.Contains(string(u.raw), "Paris") || !strings.Contains(string(u.raw), "+33 1 23 45 67 89") {
			t.Fatalf("value-filter keys without a path were not stored: %s", u.raw)
		}
		ts.user(t, id, map[string]any{"displayName": "Ada Lovelace", "name.givenName": "Augusta", "name.familyName": "Lovelace",
			"nickName": "Babs", EnterpriseURN + "|employeeNumber": "8", EnterpriseURN + "|manager.value": "boss-id",
			EnterpriseURN + "|department": "R&D"})

		gid := ts.replay(t, "POST", "/Groups", entraGroup, http.StatusCreated).str("id")
		ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"add","path":"members","value":[{"value":"`+id+`"}]}`), http.StatusNoContent)
		ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"replace","value":{"id":"`+gid+`","displayName":"Staff 2"}}`), http.StatusNoContent)
		if g := ts.replay(t, "GET", "/Groups/"+gid, nil, http.StatusOK); g.str("displayName") != "Staff 2" || len(ts.members(t, gid)) != 1 {
			t.Fatalf("group after rename: %s", g.raw)
		}
		ts.replay(t, "PATCH", "/Groups/"+gid, patchOf(`{"op":"remove","path":"members[value eq \"`+id+`\"]"}`), http.StatusNoContent)
		if m := ts.members(t, gid); len(m) != 0 {
			t.Fatalf("members after remove: %v", m)
		}
		ts.replay(t, "PATCH", "/Users/"+id, patchOf(`{"op":"replace","path":"active","value":false}`), http.StatusNoContent)
		ts.user(t, id, map[string]any{"active": false})
		ts.replay(t, "DELETE", "/Users/"+id, nil, http.StatusNoContent)
	})
}
