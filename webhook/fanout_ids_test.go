package webhook

import (
	"slices"
	"strings"
	"testing"
)

// TestPackIDs: runs of consecutive ids pack to ranges and back; a packed
// string that is not one (a hand-edited or corrupt job row: a sign, ids not
// ascending, a repeated id) is an error, and so is one that would unpack
// to more than maxUnpacked ids.
func TestPackIDs(t *testing.T) {
	for _, tc := range []struct {
		ids  []int64
		want string
	}{
		{[]int64{1}, "1"},
		{[]int64{1, 2, 3, 5, 7, 8}, "1-3,5,7-8"},
		{[]int64{10, 12, 14}, "10,12,14"},
		{[]int64{9000000000000000000, 9000000000000000001}, "9000000000000000000-9000000000000000001"},
		{[]int64{9223372036854775806, 9223372036854775807}, "9223372036854775806-9223372036854775807"},
	} {
		got := packIDs(tc.ids)
		if got != tc.want {
			t.Errorf("packIDs(%v) = %q, want %q", tc.ids, got, tc.want)
		}
		back, err := unpackIDs(got)
		if err != nil || !slices.Equal(back, tc.ids) {
			t.Errorf("unpackIDs(%q) = %v, %v; want %v", got, back, err, tc.ids)
		}
	}
	for _, bad := range []string{"", ",", "a", "1,,2", "0", "-5", "3-1", "1-", "1-2-3", " 1", "1-99999999999",
		"9223372036854775807-9223372036854775808", strings.Repeat("1,", 10), "5,5", "3,1", "1-5,4", "+5", "1-+5"} {
		if ids, err := unpackIDs(bad); err == nil {
			t.Errorf("unpackIDs(%q) = %v, want an error", bad, ids)
		}
	}
}

// FuzzUnpackIDs: whatever a job row holds, unpacking never panics nor
// returns more than maxUnpacked ids, an id below 1 or an id twice (ids
// ascend strictly), and what it returns packs and unpacks to itself.
func FuzzUnpackIDs(f *testing.F) {
	for _, s := range []string{"1", "1-3,5,7-8", "3-1", "1-1048576", "1-1048577", "5,4,3", "0", "", "+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids, err := unpackIDs(s)
		if err != nil {
			return
		}
		if len(ids) == 0 || len(ids) > maxUnpacked {
			t.Fatalf("unpackIDs(%q): %d ids", s, len(ids))
		}
		for i, id := range ids {
			if id < 1 || i > 0 && id <= ids[i-1] {
				t.Fatalf("unpackIDs(%q): id %d at %d, not ascending from 1", s, id, i)
			}
		}
		back, err := unpackIDs(packIDs(ids))
		if err != nil || !slices.Equal(back, ids) {
			t.Fatalf("round trip of %q: %v", s, err)
		}
	})
}
