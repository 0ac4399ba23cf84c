package ldapsync

import (
	"context"
	"maps"
	"sync"
)

// fakeTarget is an in-memory Target: accounts by externalId, removed ones
// dropped, and a count of every write so tests can assert "nothing written".
type fakeTarget struct {
	mu       sync.Mutex
	users    map[string]User
	groups   map[string]Group
	cookie   []byte
	writes   int
	removed  []string
	failNext error // returned by the next write, then cleared
	// snapshots and lookups count Snapshot and KnownOf calls.
	snapshots, lookups int
}

func newFakeTarget() *fakeTarget {
	return &fakeTarget{users: map[string]User{}, groups: map[string]Group{}}
}

func (f *fakeTarget) Snapshot(context.Context, string) (map[string]Known, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.snapshots++
	out := make(map[string]Known, len(f.users))
	for id, u := range f.users {
		out[id] = Known{Hash: u.Hash, Active: u.Active, DN: u.DN}
	}
	return out, nil
}

func (f *fakeTarget) write() error {
	f.writes++
	err := f.failNext
	f.failNext = nil
	return err
}

func (f *fakeTarget) Upsert(_ context.Context, _ string, users []User) (UpsertResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return UpsertResult{}, err
	}
	var r UpsertResult
	for _, u := range users {
		if _, ok := f.users[u.ExternalID]; ok {
			r.Updated++
		} else {
			r.Created++
			if u.Active && u.Email != "" {
				r.Invited++ // stands in for the auto-invite policy
			}
		}
		f.users[u.ExternalID] = u
	}
	return r, nil
}

func (f *fakeTarget) Remove(_ context.Context, _ string, ids []string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		if _, ok := f.users[id]; ok {
			delete(f.users, id)
			f.removed = append(f.removed, id)
			n++
		}
	}
	return n, nil
}

func (f *fakeTarget) GroupSnapshot(context.Context, string) (map[string]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]string{}
	for id, g := range f.groups {
		out[id] = g.Hash
	}
	return out, nil
}

func (f *fakeTarget) SyncGroups(_ context.Context, _ string, groups []Group, removed []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(); err != nil {
		return err
	}
	for _, g := range groups {
		f.groups[g.ExternalID] = g
	}
	for _, id := range removed {
		delete(f.groups, id)
	}
	return nil
}

func (f *fakeTarget) SaveCookie(_ context.Context, _ string, c []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cookie = c
	return f.write()
}

// state returns a copy of the users and the write count, for comparisons.
func (f *fakeTarget) state() (map[string]User, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.users), f.writes
}

func (f *fakeTarget) byUserName(name string) (User, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range f.users {
		if u.UserName == name {
			return u, true
		}
	}
	return User{}, false
}
