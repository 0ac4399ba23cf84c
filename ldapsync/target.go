package ldapsync

import "context"

// Target is what a sync run writes to; account.Service implements it.
// Run calls the read methods first and the write methods only once every
// directory read has succeeded and the safety checks have passed.
type Target interface {
	// Snapshot returns, for one integration, every non-deleted account keyed
	// by externalId, with the hash and DN last written and whether it is active.
	Snapshot(ctx context.Context, integrationID string) (map[string]Known, error)
	// Upsert creates or updates accounts by (integrationID, externalId), one
	// transaction per call (a batch), applying the integration's invite policy.
	Upsert(ctx context.Context, integrationID string, users []User) (UpsertResult, error)
	// Remove deactivates accounts gone from the directory, by externalId, as
	// deleted or suspended per policy; it returns how many it changed.
	Remove(ctx context.Context, integrationID string, externalIDs []string) (int, error)
	// GroupSnapshot returns every group of the integration: externalId -> hash.
	GroupSnapshot(ctx context.Context, integrationID string) (map[string]string, error)
	// SyncGroups upserts the given groups by externalId, replacing their
	// member lists, and deletes the groups listed in removed.
	SyncGroups(ctx context.Context, integrationID string, groups []Group, removed []string) error
	// SaveCookie stores the incremental-sync state for the next run.
	SaveCookie(ctx context.Context, integrationID string, cookie []byte) error
}

// Known is what the Target holds about one account.
type Known struct {
	Hash   string // User.Hash as last written
	Active bool
	DN     string // User.DN as last written; resolves group members in incremental runs
}

// User is one directory entry mapped to account fields. Manager is the
// manager's DN as the directory holds it (the Target resolves it through the
// DNs it stores). Hash covers every other field, DN and Active included.
type User struct {
	ExternalID        string
	DN                string
	UserName          string
	Email             string   // first of Emails
	Emails            []string // every value of the email attribute, in directory order
	GivenName         string
	FamilyName        string
	DisplayName       string
	PreferredLanguage string
	Phone             string
	EmployeeNumber    string
	Department        string
	Manager           string
	Active            bool
	Hash              string
}

// Group is one directory group with its members flattened: nested groups are
// expanded, so MemberExternalIDs lists users only.
type Group struct {
	ExternalID        string
	DN                string
	DisplayName       string
	MemberExternalIDs []string // sorted, unique
	Hash              string
}

// UpsertResult counts what one Upsert call did.
type UpsertResult struct{ Created, Updated, Invited int }
