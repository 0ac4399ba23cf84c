package permission

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"accounts:read,accounts:write", "accounts:read accounts:write", ""},
		{" groups:write , accounts:read ", "accounts:read groups:write", ""},
		{"accounts:read accounts:read", "accounts:read", ""},
		{"", "", ""},
		{"accounts:read,accounts:admin,groups:delete", "", `unknown "accounts:admin", "groups:delete"`},
	} {
		got, err := Parse(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got.String() != tc.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestFromStored(t *testing.T) {
	s := FromStored("groups:read future:thing accounts:read")
	if s.String() != "accounts:read groups:read" || !s.Has(GroupsRead) || s.Has(AccountsWrite) {
		t.Errorf("FromStored = %q", s)
	}
	if FromStored(Default).String() != strings.Join(All, " ") {
		t.Error("Default does not hold every permission")
	}
}
