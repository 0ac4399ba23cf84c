package webhook

import (
	"slices"
	"time"

	"github.com/provisiond/provisiond/store"
)

// Event types (contract names).
const (
	AccountCreated         = "account.created"
	AccountInvited         = "account.invited"
	AccountClaimed         = "account.claimed"
	AccountApproved        = "account.approved"
	AccountSuspended       = "account.suspended"
	AccountReactivated     = "account.reactivated"
	AccountDeleted         = "account.deleted"
	GroupMembershipChanged = "group.membership_changed"
	// IntegrationBreakerTripped: an integration asked for more deprovisions
	// than its breaker allows; the rest are held (account/breaker.go).
	IntegrationBreakerTripped = "integration.breaker_tripped"
)

// EventTypes lists every event an endpoint may subscribe to.
var EventTypes = []string{AccountCreated, AccountInvited, AccountClaimed, AccountApproved,
	AccountSuspended, AccountReactivated, AccountDeleted, GroupMembershipChanged, IntegrationBreakerTripped}

// ValidType reports whether t is an event type (or "*", every type).
func ValidType(t string) bool { return t == "*" || slices.Contains(EventTypes, t) }

// Event is one lifecycle change. Data is the payload's "data" object.
type Event struct {
	Type     string
	OrderKey string // events of one key are delivered in order
	Actor    string
	Data     map[string]any
}

// payload is the JSON body every endpoint receives.
type payload struct {
	ID        string         `json:"id"` // the event's id, the same on every endpoint and replay
	Type      string         `json:"type"`
	CreatedAt time.Time      `json:"createdAt"`
	Actor     string         `json:"actor,omitempty"`
	Data      map[string]any `json:"data"`
}

// AccountEvent describes a change of account a.
func AccountEvent(typ string, a *store.Account, actor string) Event {
	acct := map[string]any{
		"id": a.ID, "userName": a.UserName, "status": a.Status, "active": a.Active,
		"email": a.Email, "displayName": a.DisplayName, "givenName": a.GivenName,
		"familyName": a.FamilyName, "userType": a.UserType, "version": a.Version,
	}
	if a.ExternalID != nil {
		acct["externalId"] = *a.ExternalID
	}
	if a.IntegrationID != nil {
		acct["integrationId"] = *a.IntegrationID
	}
	return Event{Type: typ, OrderKey: "account:" + a.ID, Actor: actor, Data: map[string]any{"account": acct}}
}

// MembershipEvent describes how many members were added to and removed from
// group g by one change. It carries counts, not ids: one SCIM PATCH may move
// 100,000 members, and the application reads the list through its own sync.
func MembershipEvent(g *store.Group, added, removed int64, actor string) Event {
	return Event{Type: GroupMembershipChanged, OrderKey: "group:" + g.ID, Actor: actor, Data: map[string]any{
		"group":          map[string]any{"id": g.ID, "displayName": g.DisplayName, "memberCount": g.MemberCount},
		"membersAdded":   added,
		"membersRemoved": removed,
	}}
}
