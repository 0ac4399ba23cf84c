package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// importCSV has a BOM, `;`, headers in odd case and order, one existing
// account, one bad email, one duplicate and one row without email.
const importCSV = "\ufeffE-Mail;GIVEN NAME;family name;External ID;UserType;Roles;Language\n" +
	"ann@example.com;Ann;Lee;e-1;host;admin|billing;fr\n" +
	"old@example.com;Old;Timer;;;;\n" +
	"=1+2;Bad;Row;;;;\n" + // not an address, and a formula in a spreadsheet
	"ann@example.com;Ann;Again;;;;\n" +
	";Kiosk;One;kiosk-1;;;\n" +
	"\n"

// The import is per row: bad rows never block good ones; a dry run writes
// nothing but the kept preview; the report is kept and downloadable.
func TestAccountsImportAPI(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts, s, _ := newAccountsServer(t, d, false)
			ctx := context.Background()
			call(t, "POST", ts.URL+"/api/v1/accounts", "owner-token", "application/json", strings.NewReader(`{"email": "old@example.com"}`), nil)
			body, ctype := multipartFile(t, "people.csv", importCSV, map[string]string{"dryRun": "true"})
			var prev accountImportJSON
			if c := call(t, "POST", ts.URL+"/api/v1/accounts/import", "owner-token", ctype, body, &prev); c != 200 || !prev.DryRun ||
				prev.Total != 5 || prev.Created != 2 || prev.AlreadyExists != 1 || prev.Invalid != 2 {
				t.Fatalf("dry run: %d %+v", c, prev)
			}
			want := []string{"create", "already_exists", "invalid", "invalid", "create"}
			for i, r := range prev.Rows {
				if r.Result != want[i] || r.Row != i+2 {
					t.Errorf("row %d: %+v, want %s", i, r, want[i])
				}
			}
			if !strings.Contains(prev.Rows[3].Reason, "row 2") || prev.Rows[2].Reason == "" {
				t.Errorf("reasons: %+v", prev.Rows)
			}
			if _, n, _ := s.Store.AdminAccounts(ctx, store.AdminAccountQuery{Limit: 10}); n != 1 {
				t.Fatalf("dry run wrote %d accounts", n)
			}
			body, ctype = multipartFile(t, "people.csv", importCSV, map[string]string{"invite": "now"})
			var imp accountImportJSON
			if c := call(t, "POST", ts.URL+"/api/v1/accounts/import", "owner-token", ctype, body, &imp); c != 200 || imp.DryRun ||
				imp.Created != 2 || imp.Invited != 2 || imp.Invite != "now" {
				t.Fatalf("import: %d %+v", c, imp)
			}
			ann, err := s.Store.AccountByID(ctx, imp.Rows[0].AccountID)
			if err != nil || ann.Status != store.StatusInvited || ann.GivenName != "Ann" || ann.FamilyName != "Lee" ||
				ann.UserType != "host" || ann.PreferredLanguage != "fr" || *ann.ExternalID != "e-1" || ann.Origin != "admin" {
				t.Fatalf("ann: %+v %v", ann, err)
			}
			if kiosk, _ := s.Store.AccountByID(ctx, imp.Rows[4].AccountID); kiosk.Status != store.StatusInvited || imp.Rows[4].Invitation != "access_code" {
				t.Fatalf("kiosk: %+v %+v", kiosk, imp.Rows[4])
			}
			evs, _, _ := s.Store.AuditEvents(ctx, store.AuditFilter{Action: "account.import", TargetID: imp.ID})
			if len(evs) != 1 || !strings.Contains(strings.ReplaceAll(evs[0].Details, " ", ""), `"created":2`) || !strings.Contains(strings.ReplaceAll(evs[0].Details, " ", ""), `"invalid":2`) {
				t.Fatalf("import audit: %+v", evs)
			}
			var kept accountImportJSON
			if c := call(t, "GET", ts.URL+"/api/v1/account-imports/"+imp.ID, "owner-token", "", nil, &kept); c != 200 || len(kept.Rows) != 5 || kept.Created != 2 {
				t.Fatalf("kept: %d %+v", c, kept)
			}
			req, _ := http.NewRequest("GET", ts.URL+"/api/v1/account-imports/"+imp.ID+"?format=csv", nil)
			req.Header.Set("Authorization", "Bearer owner-token")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(resp.Body).ReadAll()
			resp.Body.Close()
			if err != nil || len(recs) != 6 || recs[0][2] != "result" || recs[1][2] != "created" || recs[3][2] != "invalid" {
				t.Fatalf("csv: %v %q", err, recs)
			}
			if recs[3][1] != "'=1+2" {
				t.Fatalf("the report's cell %q is a formula in a spreadsheet", recs[3][1])
			}
			// The same file again: every row exists now, nothing is created.
			body, ctype = multipartFile(t, "people.csv", importCSV, nil)
			var again accountImportJSON
			if call(t, "POST", ts.URL+"/api/v1/accounts/import", "owner-token", ctype, body, &again); again.Created != 0 || again.AlreadyExists != 3 {
				t.Fatalf("again: %+v", again)
			}
		})
	}
}

// "later" leaves created accounts not_invited; a kept preview is applied once.
func TestAccountsImportLaterAndApply(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			ts, s, _ := newAccountsServer(t, d, false)
			csvText := "email,given name\nzoe@example.com,Zoe\n"
			body, ctype := multipartFile(t, "a.csv", csvText, map[string]string{"dryRun": "true"})
			var prev accountImportJSON
			call(t, "POST", ts.URL+"/api/v1/accounts/import", "owner-token", ctype, body, &prev)
			var imp accountImportJSON
			if c := call(t, "POST", ts.URL+"/api/v1/account-imports/"+prev.ID+"/apply?invite=later", "owner-token", "", nil, &imp); c != 200 ||
				imp.Created != 1 || imp.Invited != 0 || imp.FileName != "a.csv" {
				t.Fatalf("apply: %d %+v", c, imp)
			}
			if a, _ := s.Store.AccountByID(context.Background(), imp.Rows[0].AccountID); a.Status != store.StatusNotInvited {
				t.Fatalf("later: %s", a.Status)
			}
			var e apiError
			if c := call(t, "POST", ts.URL+"/api/v1/account-imports/"+prev.ID+"/apply", "owner-token", "", nil, &e); c != 409 || e.Error.Code != "already_applied" {
				t.Fatalf("second apply: %d %+v", c, e)
			}
			body, ctype = multipartFile(t, "a.csv", "name\nx\n", nil)
			if c := call(t, "POST", ts.URL+"/api/v1/accounts/import", "owner-token", ctype, body, &e); c != 400 || e.Error.Code != "invalid_file" {
				t.Fatalf("bad header: %d %+v", c, e)
			}
			body, ctype = multipartFile(t, "a.csv", csvText, map[string]string{"invite": "soon"})
			if c := call(t, "POST", ts.URL+"/api/v1/accounts/import", "owner-token", ctype, body, &e); c != 400 {
				t.Fatalf("bad invite: %d", c)
			}
		})
	}
}
