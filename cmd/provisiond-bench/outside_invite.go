package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
)

// importAndInviteAll measures, on one fresh database: `provisiond account
// import` of o.importRows rows (invite later) as a CLI process; then, on a
// serve process over the accounts it created, POST /api/v1/invitations
// {"all": true} while serve delivers into an SMTP sink.
func (o *outside) importAndInviteAll(d store.Dialect) ([]result, error) {
	return o.importThenInvite(d, false)
}

// importAndInviteAllHooked is importAndInviteAll with a webhook endpoint
// subscribed to account.invited, as an application that follows
// lifecycle events would be: its row is invite-all-webhook (the import's
// row is importAndInviteAll's).
func (o *outside) importAndInviteAllHooked(d store.Dialect) ([]result, error) {
	return o.importThenInvite(d, true)
}

// importThenInvite imports, then invites all, with a webhook endpoint when
// hooked.
func (o *outside) importThenInvite(d store.Dialect, hooked bool) ([]result, error) {
	w, err := o.workspace(d, "invite")
	if err != nil {
		return nil, err
	}
	defer w.remove()
	csv := filepath.Join(w.dir, "people.csv")
	if err := writePeople(csv, o.importRows); err != nil {
		return nil, err
	}
	env := w.settings()
	imp, err := o.cli(env, "account", "import", "--invite", "later", "--output", "table", csv) // table: the summary is the last line
	if err != nil {
		return nil, err
	}
	want := fmt.Sprintf(": created %d, ", o.importRows)
	if sum := lastLine(imp.stdout); !strings.Contains(sum, want) {
		return nil, fmt.Errorf("account import: %q, want created %d", sum, o.importRows)
	}
	fmt.Fprintf(o.log, "== outside %s: imported %d rows in %v\n", d, o.importRows, imp.wall.Round(time.Millisecond))
	inv, err := o.inviteAll(d, w.dir, env, hooked)
	if err != nil {
		return nil, err
	}
	if hooked {
		return []result{inv}, nil
	}
	return []result{
		row(d, "account-import", imp.peakKiB, map[string]float64{"rows/s": float64(o.importRows) / imp.wall.Seconds()}),
		inv,
	}, nil
}

// writePeople writes a csv of n people, as an HR export would be.
func writePeople(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Email;Given name;Family name;External ID;Language")
	for i := range n {
		fmt.Fprintf(w, "person%d@example.com;Given%d;Family%d;hr-%d;fr\n", i, i, i, i)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// inviteAll starts serve with SMTP into a sink and an admin token, invites
// everyone through the API, and waits until every account got its mail;
// when hooked, an endpoint registered through the API before the call
// receives account.invited, and every event is waited for too.
func (o *outside) inviteAll(d store.Dialect, dir string, env map[string]string, hooked bool) (result, error) {
	n := o.importRows
	sink, err := newSMTPSink(n)
	if err != nil {
		return result{}, err
	}
	defer sink.close()
	var hooks *webhookSink
	name := "invite-all"
	if hooked {
		if hooks, err = newWebhookSink(n); err != nil {
			return result{}, err
		}
		defer hooks.close()
		env["PROVISIOND_WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.1/32"
		name = "invite-all-webhook"
	}
	b := make([]byte, 24)
	rand.Read(b)
	token := hex.EncodeToString(b)
	env["PROVISIOND_SMTP_URL"], env["PROVISIOND_MAIL_FROM"] = sink.url(), "noreply@example.com"
	env["PROVISIOND_BOOTSTRAP_TOKEN"] = token
	p, err := o.serve(dir, env)
	if err != nil {
		return result{}, err
	}
	defer p.stop()
	if _, err := p.waitReady(time.Minute); err != nil {
		return result{}, err
	}
	if hooked {
		if err := registerWebhook(p.url, token, hooks.url(), "account.invited"); err != nil {
			return result{}, err
		}
	}
	start := time.Now()
	invited, err := postInviteAll(p.url, token)
	call, callErrors := time.Since(start), 0.0
	switch {
	case err != nil:
		// The answer is lost (serve's WriteTimeout is 120 s), not the
		// work: the invitations may be committed and delivered all the
		// same. Counted in the table, and the delivery still measured.
		callErrors = 1
		fmt.Fprintf(o.log, "== outside %s: invite-all call failed after %v: %v; serve log:\n%s\n", d,
			call.Round(time.Millisecond), err, p.logTail(4000))
	case invited != n:
		return result{}, fmt.Errorf("invite all: invited %d, want %d", invited, n)
	}
	select {
	case <-sink.reached:
	case <-time.After(o.deliverTimeout):
		total, unique := sink.counts()
		return result{}, fmt.Errorf("invite all: %d mails to %d people after %v, want %d; serve log:\n%s",
			total, unique, o.deliverTimeout, n, p.logTail(4000))
	}
	deliver := sink.reachedAt().Sub(start)
	metrics := map[string]float64{"call_s": call.Seconds(), "call_errors": callErrors,
		"mails/s": float64(n) / deliver.Seconds()}
	if hooked {
		select {
		case <-hooks.reached:
		case <-time.After(o.deliverTimeout):
			total, unique := hooks.counts()
			return result{}, fmt.Errorf("invite all: %d webhook deliveries of %d events after %v, want %d; serve log:\n%s",
				total, unique, o.deliverTimeout, n, p.logTail(4000))
		}
		metrics["events/s"] = float64(n) / hooks.reachedAt().Sub(start).Seconds()
	}
	time.Sleep(o.settle) // a duplicate sent late still counts
	total, unique := sink.counts()
	metrics["duplicates"] = float64(total - unique)
	peak, err := p.memory("VmHWM")
	if err != nil {
		return result{}, err
	}
	fmt.Fprintf(o.log, "== outside %s: %s of %d: call %v (failed: %v), all delivered after %v, %d mails\n",
		d, name, n, call.Round(time.Millisecond), callErrors == 1, deliver.Round(time.Millisecond), total)
	if hooked {
		htotal, hunique := hooks.counts()
		metrics["event_duplicates"] = float64(htotal - hunique)
		fmt.Fprintf(o.log, "== outside %s: %s: every event after %v, %d deliveries\n",
			d, name, hooks.reachedAt().Sub(start).Round(time.Millisecond), htotal)
	}
	return row(d, name, peak, metrics), nil
}

// postInviteAll calls POST /api/v1/invitations {"all": true} and returns
// how many it invited.
func postInviteAll(baseURL, token string) (int, error) {
	req, err := http.NewRequest("POST", baseURL+"/api/v1/invitations", strings.NewReader(`{"all": true}`))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 30 * time.Minute}).Do(req)
	if err != nil {
		return 0, fmt.Errorf("invite all: %w", err)
	}
	defer resp.Body.Close()
	var out struct {
		Invited int `json:"invited"`
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("invite all: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return 0, fmt.Errorf("invite all: %w", err)
	}
	return out.Invited, nil
}
