package ldapsync

import (
	"fmt"
	"strings"
	"time"
)

// Summary is what a run did (or, for a dry run, would do).
type Summary struct {
	Mode          string // "full", "incremental" (syncrepl), "incremental-usn" (Active Directory) or "incremental-timestamp"
	DryRun        bool
	Read          int // user entries read (changed entries only in an incremental run)
	Created       int
	Updated       int
	Suspended     int // accounts now inactive (disabled in the directory), new ones included
	Deleted       int // accounts removed because they left the directory
	Invited       int
	Skipped       int // bad entries: logged and skipped
	GroupsChanged int // groups upserted or removed
	Took          time.Duration
	Sample        []Change // up to 20 planned changes
	// NotPermitted lists what the integration's permissions kept the run
	// from doing ("3 removals skipped (no accounts:deactivate)").
	NotPermitted []string
}

// String is the one-line summary the CLI prints and sync_runs records.
func (s Summary) String() string {
	var b strings.Builder
	if s.DryRun {
		b.WriteString("dry run (nothing written): ")
	}
	fmt.Fprintf(&b, "%s sync: read %d, created %d, updated %d, suspended %d, deleted %d, invited %d",
		s.Mode, s.Read, s.Created, s.Updated, s.Suspended, s.Deleted, s.Invited)
	if s.GroupsChanged > 0 {
		fmt.Fprintf(&b, ", groups changed %d", s.GroupsChanged)
	}
	if s.Skipped > 0 {
		fmt.Fprintf(&b, ", skipped %d bad entries", s.Skipped)
	}
	for _, n := range s.NotPermitted {
		fmt.Fprintf(&b, ", %s", n)
	}
	fmt.Fprintf(&b, ", took %s", s.Took.Round(time.Millisecond))
	return b.String()
}

// Progress is reported while a run reads and writes, for the CLI progress
// bar and the sync_runs row.
type Progress struct {
	Phase   string // "read", "apply", "done"
	Read    int    // user entries read so far
	Applied int    // writes done so far (users upserted or removed, groups synced)
	Total   int    // writes planned; 0 while reading
}
