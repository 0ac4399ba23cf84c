package ldapsync

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/go-ldap/ldap/v3"

	"github.com/provisiond/provisiond/ldapsync/ldaptest"
)

// genLDIF is gen-ldif.py; PROVISIOND_TEST_GEN_LDIF overrides the path.
func genLDIF(t *testing.T) string {
	t.Helper()
	p := os.Getenv("PROVISIOND_TEST_GEN_LDIF")
	if p == "" {
		p = "../../shared/ldap/gen-ldif.py" // ../shared beside the repository, as in CI
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("PROVISIOND_TEST_REQUIRE_SERVICES") == "1" {
			t.Fatalf("gen-ldif.py not found at %s (set PROVISIOND_TEST_GEN_LDIF)", p)
		}
		t.Skipf("gen-ldif.py not found at %s (set PROVISIOND_TEST_GEN_LDIF)", p)
	}
	return p
}

// applyModifyLDIF applies the "changetype: modify / replace:" records that
// gen-ldif.py --modify writes, and returns the DNs it touched.
func applyModifyLDIF(t *testing.T, c *ldap.Conn, ldif []byte) []string {
	t.Helper()
	var dns []string
	var req *ldap.ModifyRequest
	var attr string
	var vals []string
	flushAttr := func() {
		if req != nil && attr != "" {
			req.Replace(attr, vals)
		}
		attr, vals = "", nil
	}
	flush := func() {
		flushAttr()
		if req != nil {
			if err := c.Modify(req); err != nil {
				t.Fatalf("modify %s: %v", req.DN, err)
			}
			dns = append(dns, req.DN)
		}
		req = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(ldif))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ": ")
		switch {
		case sc.Text() == "":
			flush()
		case sc.Text() == "-":
			flushAttr()
		case k == "dn":
			req = ldap.NewModifyRequest(v, nil)
		case k == "replace":
			attr = v
		case k != "changetype":
			vals = append(vals, v)
		}
	}
	flush()
	return dns
}

// TestIncrementalAfterGeneratedModify resets the phones of gen-ldif.py's
// --modify victims to a fresh value, syncs, applies the --modify LDIF and
// checks the syncrepl run updates exactly those users (and is rerunnable).
func TestIncrementalAfterGeneratedModify(t *testing.T) {
	cfg := testConfig(t, suffix)
	admin := ldaptest.Dial(t, adminDN, adminPW)
	res, err := admin.Search(searchRequest("ou=people,"+suffix, "(objectClass=inetOrgPerson)", []string{"1.1"}))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", genLDIF(t), "-n", fmt.Sprint(len(res.Entries)), "--modify", "10").Output()
	if err != nil {
		t.Fatalf("gen-ldif.py --modify: %v", err)
	}
	baseline := bytes.ReplaceAll(out, []byte("telephoneNumber: +1 555 000"), fmt.Appendf(nil, "telephoneNumber: +9 %d", time.Now().UnixNano()))
	applyModifyLDIF(t, admin, baseline)
	tg := newFakeTarget()
	mustSync(t, cfg, tg)
	dns := applyModifyLDIF(t, admin, out)
	s := mustSync(t, cfg, tg)
	if s.Mode != "incremental" || s.Updated != 10 || s.Read != 10 || s.Created+s.Deleted != 0 {
		t.Fatalf("incremental after --modify 10: %+v", s)
	}
	users, _ := tg.state()
	for _, u := range users {
		if strings.EqualFold(u.DN, dns[0]) && !strings.HasPrefix(u.Phone, "+1 555 000") {
			t.Errorf("%s phone %q not updated", u.DN, u.Phone)
		}
	}
}

// TestTimestampFallback is the path for servers without syncprov:
// modifyTimestamp>=last run (escaped), which sees changes but not deletions.
func TestTimestampFallback(t *testing.T) {
	ou, admin := testOU(t)
	cfg := testConfig(t, ou)
	a := ldaptest.AddPerson(t, admin, ou, "tina", nil)
	ldaptest.AddPerson(t, admin, ou, "tom", nil)
	tg := newFakeTarget()
	noSync := func(o *RunOptions) { o.noSyncrepl = true }
	mustSync(t, cfg, tg, noSync)
	if st := parseState(tg.cookie); st.Since == "" || st.Users != nil {
		t.Fatalf("fallback cookie %+v", st)
	}
	ldaptest.Replace(t, admin, a, "mail", "tina.new@example.org")
	s := mustSync(t, cfg, tg, noSync)
	u, _ := tg.byUserName("tina")
	if s.Mode != "incremental-timestamp" || s.Updated != 1 || u.Email != "tina.new@example.org" {
		t.Fatalf("fallback run %+v, tina %+v", s, u)
	}
}

// TestSyncreplPresentPhase hands slapd a cookie older than its session log:
// it resends every entry with refreshDeletes=FALSE, and the entries it does
// not send are the deleted ones.
func TestSyncreplPresentPhase(t *testing.T) {
	_, cfg, tg, dns := syncedOU(t, 5)
	pct := 50.0
	cfg.MaxDeactivatePercent = &pct
	admin := ldaptest.Dial(t, adminDN, adminPW)
	ldaptest.DeleteTree(t, admin, dns[0])
	ldaptest.Replace(t, admin, dns[1], "mail", "changed@example.org")
	st := parseState(tg.cookie)
	st.Users = []byte("rid=000,csn=20200101000000.000000Z#000000#000#000000")
	tg.cookie = st.bytes()
	s := mustSync(t, cfg, tg)
	if s.Mode != "incremental" || s.Read != 4 || s.Updated != 1 || s.Deleted != 1 {
		t.Fatalf("present-phase run %+v", s)
	}
}
