package ldapsync

import "context"

// The fake target looks entries up (KnownLookup), as directory's does;
// snapshotOnly hides that, for the runs of a Target without it.

func (f *fakeTarget) KnownOf(_ context.Context, _ string, ids []string) (map[string]Known, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	out := map[string]Known{}
	for _, id := range ids {
		if u, ok := f.users[id]; ok {
			out[id] = Known{Hash: u.Hash, Active: u.Active, DN: u.DN}
		}
	}
	return out, nil
}

func (f *fakeTarget) KnownActive(context.Context, string) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, u := range f.users {
		if u.Active {
			n++
		}
	}
	return n, nil
}

// snapshotOnly is a Target without KnownLookup.
type snapshotOnly struct{ Target }
