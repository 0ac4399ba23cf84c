package ldapsync

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-ldap/ldap/v3"
)

// RunOptions is one sync run. Config is applied defaults and validated by
// Run; Cookie is the value the previous run passed to Target.SaveCookie.
type RunOptions struct {
	IntegrationID string
	Config        Config
	Target        Target
	Cookie        []byte
	DryRun        bool // plan and report, write nothing (not even the cookie)
	Full          bool // ignore the cookie: read everything and reconcile
	Force         bool // lift the overridable safety stops for this run
	Progress      func(Progress)
	Logger        *slog.Logger

	noSyncrepl bool // tests: behave as against a server without syncprov
	lazyLimit  int  // tests: changed entries filed by lookups (0: lazyLimit)
}

// Run syncs one integration: it reads the directory (everything, or the
// changes since Cookie), plans the writes against Target's snapshot, checks
// the safety stops and only then writes. On a *SafetyStop nothing was written.
func Run(ctx context.Context, o RunOptions) (Summary, error) {
	start := time.Now()
	cfg := o.Config
	cfg.ApplyDefaults()
	if err := cfg.Validate(); err != nil {
		return Summary{}, err
	}
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	log = log.With("integration", o.IntegrationID)
	conn, err := Dial(ctx, cfg, log)
	if err != nil {
		return Summary{}, &SafetyStop{Reason: "the directory cannot be reached", Err: err}
	}
	defer conn.Close()
	r := &reader{conn: conn, log: log, allowReferrals: o.Force}
	p, state, err := r.plan(ctx, &cfg, &o)
	if err != nil {
		return Summary{}, err
	}
	defer p.upserts.close()
	if err := checkPlan(p, &cfg, o.Force); err != nil {
		log.Error("ldap sync stopped", "reason", err)
		return Summary{}, err
	}
	s := Summary{Mode: p.mode, DryRun: o.DryRun, Read: p.read, Skipped: p.bad, Sample: p.sample,
		Suspended: p.suspended, GroupsChanged: len(p.groups) + len(p.groupRemovals)}
	if o.Force && p.deactivations > 0 {
		log.Warn("ldap sync forced", "deactivations", p.deactivations, "knownActive", p.knownActive)
	}
	if o.DryRun {
		s.Created, s.Updated, s.Deleted = p.created, p.upserts.len()-p.created, len(p.removals)
		s.Took = time.Since(start)
		return s, nil
	}
	if err := apply(ctx, &o, p, &s); err != nil {
		return s, err
	}
	if err := o.Target.SaveCookie(ctx, o.IntegrationID, state.bytes()); err != nil {
		return s, fmt.Errorf("ldapsync: save cookie: %w", err)
	}
	s.Took = time.Since(start)
	o.progress(Progress{Phase: "done", Read: p.read, Applied: s.Created + s.Updated + s.Deleted})
	log.Info("ldap sync done", "summary", s.String())
	return s, nil
}

func (o *RunOptions) progress(p Progress) {
	if o.Progress != nil {
		o.Progress(p)
	}
}

// plan reads the directory (incrementally when the cookie allows) and returns
// the writes to make and the cookie to store after them.
func (r *reader) plan(ctx context.Context, cfg *Config, o *RunOptions) (*plan, syncState, error) {
	syncOK, err := r.supportsSyncrepl(ctx)
	if err != nil {
		return nil, syncState{}, err
	}
	syncOK = syncOK && !o.noSyncrepl
	var ad *adMark // Active Directory without syncrepl: uSNChanged (usn.go)
	if cfg.ActiveDirectory && !syncOK {
		if m, err := r.adHighWater(ctx); err == nil {
			ad = &m
		} else {
			r.log.Warn("ldap: no uSNChanged mark, incremental runs use whenChanged", "err", err)
		}
	}
	old := parseState(o.Cookie)
	incremental := (syncOK && len(old.Users) > 0) ||
		(ad != nil && old.DC == ad.dc && old.USN > 0) || // another DC: a full sync
		(!syncOK && ad == nil && old.Since != "")
	// An incremental run reads the snapshot only if it must (KnownLookup).
	known, err := newKnownSet(ctx, o, !o.Full && incremental)
	if err != nil {
		return nil, syncState{}, err
	}
	if !o.Full && incremental {
		p, st, err := r.planIncremental(ctx, cfg, o, known, old, syncOK, ad)
		if !ldap.IsErrorWithCode(err, ldap.LDAPResultSyncRefreshRequired) {
			return p, st, err
		}
		r.log.Info("ldap cookie expired, running a full sync")
	}
	if err := known.loadAll(ctx); err != nil {
		return nil, syncState{}, err
	}
	return r.planFull(ctx, cfg, o, known.m, syncOK, ad)
}
