package invite_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
)

func TestImportWithBadRows(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("okta", false, 0)
		e.account(in, "ann", "ann@example.com", "")
		already := e.account(in, "ben", "ben@example.com", "")
		if _, err := e.svc.InviteAccount(e.ctx, "admin:x", already.ID, "", false); err != nil {
			t.Fatal(err)
		}
		csv := "\ufeffName;E-Mail\nAnn;ANN@example.com\nBen;ben@example.com\nNobody;nobody@example.com\nBad;not-an-email\n;\n"
		f, err := invite.ParseImport("people.csv", []byte(csv))
		if err != nil {
			t.Fatal(err)
		}
		dry, err := e.svc.Import(e.ctx, "admin:x", f, "", true)
		if err != nil {
			t.Fatal(err)
		}
		if dry[0].Outcome != invite.Invited || len(e.invitations(dry[0].AccountID)) != 0 {
			t.Fatalf("dry run changed something: %+v", dry)
		}
		rep, err := e.svc.Import(e.ctx, "admin:x", f, "", false)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			row     int
			outcome invite.Outcome
		}{{2, invite.Invited}, {3, invite.AlreadyInvited}, {4, invite.NotFound}, {5, invite.Invalid}}
		if len(rep) != len(want) {
			t.Fatalf("report: %+v", rep)
		}
		for i, w := range want {
			if rep[i].Row != w.row || rep[i].Outcome != w.outcome {
				t.Errorf("row %d: %+v, want %v", w.row, rep[i], w.outcome)
			}
		}
	}, noSMTP)
}

func TestParseImportHeaders(t *testing.T) {
	for _, tc := range []struct{ name, data, by string }{
		{"comma", "email,name\na@x.org,A\n", "email"},
		{"semicolon BOM", "\ufeffEMAIL;Name\na@x.org;A\n", "email"},
		{"external id", "External ID,Name\n42,A\n", "externalId"},
		{"external_id", "name,external_id\nA,42\n", "externalId"},
	} {
		f, err := invite.ParseImport("f.csv", []byte(tc.data))
		if err != nil || f.By != tc.by || len(f.Rows) != 1 || f.Rows[0].Row != 2 {
			t.Errorf("%s: %+v %v", tc.name, f, err)
		}
	}
	if _, err := invite.ParseImport("f.csv", []byte("name\nA\n")); err == nil {
		t.Error("a file without Email or External ID column was accepted")
	}
}

// rowsInOrder fails the test unless rows keep the file's order, each after
// the header (row 1).
func rowsInOrder(t *testing.T, rows []invite.ImportRow) {
	t.Helper()
	last := 1
	for _, r := range rows {
		if r.Row <= last {
			t.Fatalf("rows out of order: %+v", rows)
		}
		last = r.Row
	}
}

func FuzzImport(f *testing.F) {
	f.Add([]byte("Email\na@example.com\n"))
	f.Add([]byte("\ufeffExternal ID;Name\n42;\"x;y\"\n"))
	f.Add([]byte("email,\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := invite.ParseImport("fuzz.csv", data)
		if err != nil {
			return
		}
		if file.By != "email" && file.By != "externalId" {
			t.Fatalf("by = %q", file.By)
		}
		rowsInOrder(t, file.Rows)
	})
}

func TestParseImportXLSX(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Name", "Email"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"Ann", "ann@example.com"})
	x.SetSheetRow("Sheet1", "A4", &[]any{"Cid", "cid@example.com"})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := invite.ParseImport("people.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if f.By != "email" || len(f.Rows) != 2 || f.Rows[1].Row != 4 || f.Rows[1].Value != "cid@example.com" {
		t.Fatalf("xlsx: %+v", f)
	}
}

// externalId is not unique for SCIM accounts (several may share one): a
// file row naming it invites every live account that has it, one report
// line each.
func TestImportByExternalIDInvitesEveryMatch(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		in := e.integration("entra", false, 0)
		shared := "${__UUID}"
		var ids []string
		for _, n := range []string{"ann", "ben"} {
			a := &store.Account{UserName: n, Active: true, ExternalID: &shared, Origin: "scim",
				Emails: []store.Email{{Value: n + "@example.com", IsPrimary: true}}}
			out, err := e.accounts.Create(e.ctx, account.Actor{Kind: "integration", ID: in.ID, Name: in.Name}, in, a)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, out.ID)
		}
		f, err := invite.ParseImport("ids.csv", []byte("External ID\n${__UUID}\n"))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := e.svc.Import(e.ctx, "admin:x", f, "", false)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep) != 2 {
			t.Fatalf("report %+v, want one line per account", rep)
		}
		for i, r := range rep {
			if r.Row != 2 || r.Outcome != invite.Invited || r.AccountID != ids[i] || len(e.invitations(ids[i])) != 1 {
				t.Errorf("line %d: %+v", i, r)
			}
		}
	}, noSMTP)
}
