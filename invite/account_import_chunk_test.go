package invite_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
	"github.com/provisiond/provisiond/webhook"
)

var importer = account.Actor{Kind: "admin", Name: "root"}

// peopleRows are n import rows from person<first>, each with an email and
// an external id; every third one has no email when withoutEmail is set.
func peopleRows(first, n int, withoutEmail bool) []invite.AccountImportRow {
	rows := make([]invite.AccountImportRow, n)
	for k := range rows {
		i := first + k
		in := account.AdminInput{Email: fmt.Sprintf("person%d@example.com", i), ExternalID: fmt.Sprintf("hr-%d", i),
			GivenName: fmt.Sprintf("Given%d", i), FamilyName: "Family", PreferredLanguage: "fr"}
		if withoutEmail && i%3 == 0 {
			in.Email, in.UserName = "", fmt.Sprintf("person%d", i)
		}
		rows[k] = invite.AccountImportRow{Row: k + 2, Input: in}
	}
	return rows
}

// seedClashes writes what some rows of peopleRows(0, n) meet: an account
// with person4's address, an admin-created one with hr-700, and an
// unconfirmed sign-up holding person601's address (the admin's row drops
// it), with a webhook endpoint subscribed to every event.
func seedClashes(t *testing.T, e *env) *store.Account {
	t.Helper()
	subscribeAll(t, e)
	e.account(nil, "person4@example.com", "person4@example.com", "")
	if _, err := e.svc.CreateAdminAccount(e.ctx, e.accounts, importer, account.AdminInput{Email: "other@corp.example", ExternalID: "hr-700"}, ""); err != nil {
		t.Fatal(err)
	}
	su := &store.Account{Origin: "link", UserName: "person601@example.com", Active: true,
		Emails: []store.Email{{Value: "person601@example.com", Type: "work", IsPrimary: true}}}
	if err := e.st.CreateAccount(e.ctx, su); err != nil {
		t.Fatal(err)
	}
	return su
}

// subscribeAll subscribes a webhook endpoint to every event.
func subscribeAll(t *testing.T, e *env) {
	t.Helper()
	if err := e.st.CreateWebhookEndpoint(e.ctx, &store.WebhookEndpoint{URL: "https://app.example.com/hook",
		Events: "*", SecretSealed: []byte("x")}); err != nil {
		t.Fatal(err)
	}
}

// outcomes are the rows of a report without their account ids: what must
// not depend on how the rows were written.
func outcomes(rep []invite.AccountImportReport) []string {
	out := make([]string, len(rep))
	for i, r := range rep {
		out[i] = fmt.Sprintf("row %d %s: %s %q %s", r.Row, r.Value, r.Result, r.Reason, r.Invitation)
	}
	return out
}

// checkCreatedEvents checks that each account the report created has
// exactly one account.created audit event and one account.created webhook
// delivery, and that only others such events exist besides theirs.
func checkCreatedEvents(t *testing.T, e *env, rep []invite.AccountImportReport, others int) {
	t.Helper()
	evs, _, err := e.st.AuditEvents(e.ctx, store.AuditFilter{Action: "account.created", Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := e.st.WebhookDeliveries(e.ctx, store.WebhookDeliveryQuery{EventType: webhook.AccountCreated, Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	audited, hooked := map[string]int{}, map[string]int{}
	for _, ev := range evs {
		audited[ev.TargetID]++
	}
	for _, d := range ds {
		hooked[d.OrderKey]++
	}
	created := 0
	for _, r := range rep {
		if r.Result != invite.RowCreated {
			continue
		}
		created++
		if audited[r.AccountID] != 1 || hooked["account:"+r.AccountID] != 1 {
			t.Fatalf("row %d: %d account.created events, %d webhook deliveries, want 1 each", r.Row, audited[r.AccountID], hooked["account:"+r.AccountID])
		}
	}
	if len(evs) != created+others || len(ds) != created+others {
		t.Fatalf("%d account.created events and %d webhook deliveries for %d rows created, want %d others", len(evs), len(ds), created, others)
	}
}

// An import of several chunks gives every row the outcome the one-by-one
// path gives it (the same import with every batch failing after writing,
// so that each chunk is rolled back and made row by row), for invite later
// through a preview applied and for invite now: created with its own
// audit event and webhook delivery, already_exists, invalid, the
// unconfirmed sign-up dropped; the kept report is the report.
func TestAccountImportByChunksMatchesOneByOne(t *testing.T) {
	rows := append(peopleRows(0, 1234, true),
		invite.AccountImportRow{Row: 1236, Input: account.AdminInput{Email: "not an address"}},
		invite.AccountImportRow{Row: 1237, Input: account.AdminInput{Email: "PERSON10@example.com"}})
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		for _, choice := range []string{"later", "now"} {
			t.Run("invite="+choice, func(t *testing.T) {
				var got [2][]invite.AccountImportReport
				for k, failing := range []bool{false, true} {
					e := newEnv(t, storetest.Open(t, st.Dialect()), noSMTP)
					su := seedClashes(t, e)
					if failing {
						invite.FailAccountImportBatches(t)
					}
					opts := invite.AccountImportOptions{FileName: "people.csv", Invite: choice}
					var res *invite.AccountImportResult
					var err error
					if choice == "later" && !failing {
						opts.DryRun = true
						prev, err := e.svc.ImportAccounts(e.ctx, e.accounts, importer, rows, opts)
						if err != nil {
							t.Fatal(err)
						}
						opts.DryRun = false
						res, err = e.svc.ApplyAccountImport(e.ctx, e.accounts, importer, prev.Import.ID, opts)
					} else {
						res, err = e.svc.ImportAccounts(e.ctx, e.accounts, importer, rows, opts)
					}
					if err != nil {
						t.Fatal(err)
					}
					got[k] = res.Rows
					imp := res.Import
					if imp.CreatedCount != 1232 || imp.ExistingCount != 2 || imp.InvalidCount != 2 {
						t.Fatalf("counts %d created, %d existing, %d invalid", imp.CreatedCount, imp.ExistingCount, imp.InvalidCount)
					}
					checkCreatedEvents(t, e, res.Rows, 2) // person4 and other@corp (the sign-up was written bare)
					if n := e.auditCount("account.signup_dropped", su.ID); n != 1 {
						t.Fatalf("sign-up: %d account.signup_dropped events", n)
					}
					kept, err := e.st.AccountImportByID(e.ctx, imp.ID)
					if err != nil {
						t.Fatal(err)
					}
					if want, _ := json.Marshal(res.Rows); kept.Report != string(want) {
						t.Fatalf("kept report differs from the report")
					}
					if choice == "now" {
						checkInvited(t, e, res.Rows)
					}
				}
				want, have := outcomes(got[1]), outcomes(got[0])
				for i := range want {
					if have[i] != want[i] {
						t.Fatalf("by chunks %s, one by one %s", have[i], want[i])
					}
				}
			})
		}
	}, noSMTP)
}

// checkInvited checks that each row created with invite now has its
// invitation, or its access code when it has no email, and not both.
func checkInvited(t *testing.T, e *env, rep []invite.AccountImportReport) {
	t.Helper()
	for _, r := range rep {
		if r.Result != invite.RowCreated {
			continue
		}
		invs := e.invitations(r.AccountID)
		a := e.reload(r.AccountID)
		want := "invited"
		if a.Email == "" {
			want = "access_code"
		}
		if r.Invitation != want || (want == "invited") != (len(invs) == 1) || a.Status != store.StatusInvited {
			t.Fatalf("row %d: %q, %d invitations, status %s; want %s", r.Row, r.Invitation, len(invs), a.Status, want)
		}
	}
}

// A row whose user name another writer takes once the import has checked
// it (here between two chunks) fails its chunk's batch on PostgreSQL (one
// statement); the chunk is then made row by row and that row alone ends
// already_exists. SQLite has one writer: nothing can come between.
func TestAccountImportClashFoundInAChunk(t *testing.T) {
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		if st.Dialect() != store.Postgres {
			t.Skip("SQLite has one writer: no other write can come during the import")
		}
		subscribeAll(t, e)
		rows := peopleRows(0, 1200, false)
		taken := false
		opts := invite.AccountImportOptions{Progress: func(done, total int) {
			if done >= 500 && !taken { // outside the import's transaction, committed at once
				taken = true
				e.account(nil, "person800@example.com", "", "")
			}
		}}
		res, err := e.svc.ImportAccounts(e.ctx, e.accounts, importer, rows, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			want := invite.RowCreated
			if r.Value == "person800@example.com" {
				want = invite.RowAlreadyExists
			}
			if r.Result != want {
				t.Fatalf("row %d %s: %s %s, want %s", r.Row, r.Value, r.Result, r.Reason, want)
			}
		}
		checkCreatedEvents(t, e, res.Rows, 1)
	}, noSMTP)
}

// A large file (20,000 rows, 40 chunks) is imported whole: each row once,
// with its audit event and webhook delivery, and its report kept.
func TestAccountImportLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("large import")
	}
	var sb strings.Builder
	sb.WriteString("Email;Given name;Family name;External ID;Language\n")
	const n = 20000
	for i := range n {
		fmt.Fprintf(&sb, "person%d@example.com;Given%d;Family%d;hr-%d;fr\n", i, i, i, i)
	}
	eachEnv(t, func(t *testing.T, st *store.Store, e *env) {
		subscribeAll(t, e)
		rows, err := invite.ParseAccountImport("people.csv", []byte(sb.String()))
		if err != nil {
			t.Fatal(err)
		}
		calls := 0
		res, err := e.svc.ImportAccounts(e.ctx, e.accounts, importer, rows,
			invite.AccountImportOptions{FileName: "people.csv", Progress: func(done, total int) { calls++ }})
		if err != nil {
			t.Fatal(err)
		}
		if res.Import.CreatedCount != n || len(res.Rows) != n || calls == 0 {
			t.Fatalf("created %d, %d rows, %d progress calls", res.Import.CreatedCount, len(res.Rows), calls)
		}
		checkCreatedEvents(t, e, res.Rows, 0)
		kept, err := e.st.AccountImportByID(e.ctx, res.Import.ID)
		if err != nil {
			t.Fatal(err)
		}
		var again []invite.AccountImportReport
		if err := json.Unmarshal([]byte(kept.Report), &again); err != nil || len(again) != n || again[n-1] != res.Rows[n-1] {
			t.Fatalf("kept report: %d rows, %v", len(again), err)
		}
	}, noSMTP)
}
