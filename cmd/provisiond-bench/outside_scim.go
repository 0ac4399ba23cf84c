package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// serveAndCreate measures, on a fresh database: the cold start of serve to
// /readyz 200 and its idle RSS; then o.creates SCIM creates by o.clients
// keep-alive clients, beside the raw insert baseline taken just before on
// another fresh database of the same kind. The pair is measured
// o.scimRounds times, each round on fresh databases: the row is the round of
// median ratio, beside the lowest ratio of them all (this machine is shared,
// and one round's ratio moves by a tenth on its own; docs/performance.md).
func (o *outside) serveAndCreate(d store.Dialect) ([]result, error) {
	var start result
	var rounds []scimRound
	for r := range max(o.scimRounds, 1) {
		raw, err := o.rawInserts(d)
		if err != nil {
			return nil, err
		}
		st, rd, err := o.serveRound(d, raw)
		if err != nil {
			return nil, err
		}
		if r == 0 {
			start = st
		}
		fmt.Fprintf(o.log, "== outside %s: round %d: %d creates at %.0f/s (raw inserts %.0f/s), ratio %.3f\n",
			d, r+1, o.creates, rd.rate, rd.raw, rd.ratio())
		rounds = append(rounds, rd)
	}
	med, lowest := medianRound(rounds)
	return []result{start, row(d, "scim-create", med.peakKiB, map[string]float64{"creates/s": med.rate,
		"raw_inserts/s": med.raw, "lowest_ratio": lowest, "rounds": float64(len(rounds))})}, nil
}

// scimRound is one round of the SCIM create measure.
type scimRound struct {
	rate, raw float64 // creates/s through serve, raw inserts/s
	peakKiB   int64   // serve's peak RSS
}

func (r scimRound) ratio() float64 { return r.rate / r.raw }

// medianRound returns the round of median ratio (the lower of the two
// middle ones for an even count) and the lowest ratio.
func medianRound(rounds []scimRound) (scimRound, float64) {
	sorted := slices.Clone(rounds)
	slices.SortFunc(sorted, func(a, b scimRound) int { return cmp.Compare(a.ratio(), b.ratio()) })
	return sorted[(len(sorted)-1)/2], sorted[0].ratio()
}

// serveRound starts serve on a fresh database and runs the creates: the
// serve-start row, and the round.
func (o *outside) serveRound(d store.Dialect, raw float64) (result, scimRound, error) {
	w, err := o.workspace(d, "serve")
	if err != nil {
		return result{}, scimRound{}, err
	}
	defer w.remove()
	env := w.settings()
	p, err := o.serve(w.dir, env)
	if err != nil {
		return result{}, scimRound{}, err
	}
	defer p.stop()
	ready, err := p.waitReady(time.Minute)
	if err != nil {
		return result{}, scimRound{}, err
	}
	time.Sleep(o.settle) // River, the schedulers and the pools start after /readyz
	idle, err := p.memory("VmRSS")
	if err != nil {
		return result{}, scimRound{}, err
	}
	idlePeak, _ := p.memory("VmHWM")
	fmt.Fprintf(o.log, "== outside %s: serve ready in %v, idle RSS %d KiB\n", d, ready.Round(time.Millisecond), idle)
	cr, err := o.cli(env, "integration", "create", "--name", "bench-idp", "--kind", "scim")
	if err != nil {
		return result{}, scimRound{}, err
	}
	rate, err := o.createUsers(p.url, lastLine(cr.stdout))
	if err != nil {
		return result{}, scimRound{}, err
	}
	peak, err := p.memory("VmHWM")
	if err != nil {
		return result{}, scimRound{}, err
	}
	start := row(d, "serve-start", idlePeak, map[string]float64{"ready_s": ready.Seconds(), "idle_rss_MB": float64(idle) / 1024})
	return start, scimRound{rate: rate, raw: raw, peakKiB: peak}, nil
}

// rawInserts is the baseline: o.creates single-row insert transactions by
// o.clients goroutines on a fresh database of dialect d, through a pool
// opened as serve opens its own.
func (o *outside) rawInserts(d store.Dialect) (float64, error) {
	ctx := context.Background()
	w, err := o.workspace(d, "raw")
	if err != nil {
		return 0, err
	}
	defer w.remove()
	s, err := store.Open(ctx, w.dbURL)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return 0, err
	}
	in := &store.Integration{Name: "raw", Kind: "scim"}
	if err := s.CreateIntegration(ctx, in); err != nil {
		return 0, err
	}
	return storetest.RawInsertRate(ctx, s, in.ID, "raw", o.creates, o.clients)
}

// createUsers POSTs o.creates users from o.clients goroutines sharing one
// keep-alive transport, and returns creates per second.
func (o *outside) createUsers(baseURL, token string) (float64, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: o.clients, MaxIdleConns: o.clients, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	cl := &http.Client{Transport: tr, Timeout: time.Minute}
	return storetest.Concurrently(o.creates, o.clients, func(i int) error {
		req, err := http.NewRequest("POST", baseURL+"/scim/v2/Users", strings.NewReader(userBody(i)))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/scim+json")
		resp, err := cl.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body) // read to the end: the connection is then reused
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("POST /scim/v2/Users: %d %s", resp.StatusCode, body)
		}
		return nil
	})
}

// userBody is what an IdP sends for a new user: schemas, a unique
// userName, externalId, name parts, displayName, a work email, active.
func userBody(i int) string {
	return fmt.Sprintf(`{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],`+
		`"userName":"bench.user%[1]d@example.com","externalId":"00u%08[1]d",`+
		`"name":{"givenName":"Given%[1]d","familyName":"Family%[1]d","formatted":"Given%[1]d Family%[1]d"},`+
		`"displayName":"Given%[1]d Family%[1]d","active":true,`+
		`"emails":[{"value":"bench.user%[1]d@example.com","type":"work","primary":true}]}`, i)
}
