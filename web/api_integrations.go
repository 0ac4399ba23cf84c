package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/provisiond/provisiond/store"
)

// integrationJSON is an integration as the admin API shows it (never the token).
type integrationJSON struct {
	ID                 string          `json:"id"`
	Name               string          `json:"name"`
	Kind               string          `json:"kind"`
	AutoInvite         bool            `json:"autoInvite"`
	InviteDelaySeconds int             `json:"inviteDelaySeconds"`
	ReminderDays       int             `json:"reminderDays"`
	RequireApproval    bool            `json:"requireApproval"`
	DeliveryMethod     string          `json:"deliveryMethod"`
	Permissions        []string        `json:"permissions"`
	Disabled           bool            `json:"disabled"`
	TokenPrefix        string          `json:"tokenPrefix,omitempty"`
	OIDCIssuer         string          `json:"oidcIssuer,omitempty"`
	OIDCAudience       string          `json:"oidcAudience,omitempty"`
	LDAPConfig         json.RawMessage `json:"ldapConfig,omitempty"` // never a password
	// LDAPBindPasswordSet says a bind password was given (LDAP only); the
	// password itself is never returned.
	LDAPBindPasswordSet *bool     `json:"ldapBindPasswordSet,omitempty"`
	CreatedAt           time.Time `json:"createdAt"`
	UpdatedAt           time.Time `json:"updatedAt"`
}

func toIntegrationJSON(in *store.Integration) integrationJSON {
	out := integrationJSON{
		ID: in.ID, Name: in.Name, Kind: in.Kind, AutoInvite: in.AutoInvite,
		InviteDelaySeconds: in.InviteDelaySeconds, ReminderDays: in.ReminderDays, RequireApproval: in.RequireApproval,
		DeliveryMethod: in.DeliveryMethod, Permissions: strings.Fields(in.Permissions),
		Disabled: in.Disabled, TokenPrefix: in.TokenPrefix, OIDCIssuer: in.OIDCIssuer,
		OIDCAudience: in.OIDCAudience, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt,
	}
	if in.LDAPConfig != nil && *in.LDAPConfig != "" {
		out.LDAPConfig = json.RawMessage(*in.LDAPConfig)
	}
	if in.Kind == "ldap" {
		set := in.LDAPBindPassword != nil
		out.LDAPBindPasswordSet = &set
	}
	return out
}

func (s *Server) listIntegrations(w http.ResponseWriter, r *http.Request) {
	ins, err := s.Store.Integrations(r.Context())
	answerList(s, w, r, ins, int64(len(ins)), err, toIntegrationJSON)
}

func (s *Server) getIntegration(w http.ResponseWriter, r *http.Request) {
	in, err := s.Store.IntegrationByRef(r.Context(), r.PathValue("id"))
	answerOne(s, w, r, in, err, "no such integration", toIntegrationJSON)
}
