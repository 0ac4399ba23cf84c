package web

import (
	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/ldapsync"
	"github.com/provisiond/provisiond/password"
	"github.com/provisiond/provisiond/store"
)

// integrationInput is the body of POST and PATCH /api/v1/integrations; on
// PATCH, absent fields keep their value. integration.Service checks it.
type integrationInput struct {
	Name               *string `json:"name"`
	Kind               *string `json:"kind"`
	AutoInvite         *bool   `json:"autoInvite"`
	InviteDelaySeconds *int    `json:"inviteDelaySeconds"`
	ReminderDays       *int    `json:"reminderDays"` // 0 (none) .. 29
	RequireApproval    *bool   `json:"requireApproval"`
	Disabled           *bool   `json:"disabled"`
	// DeliveryMethod and Permissions: what an integration delivers and may do (permission/).
	DeliveryMethod *string   `json:"deliveryMethod"`
	Permissions    *[]string `json:"permissions"`
	// LDAPConfig is an LDAP integration's settings in the --ldap-config
	// format (YAML, or JSON, which YAML reads too).
	LDAPConfig *string `json:"ldapConfig"`
	// LDAPBindPassword is the bind password itself: stored sealed, never
	// returned, required again when url, bind DN or TLS settings change.
	LDAPBindPassword *string `json:"ldapBindPassword"`
}

// input parses the body into the service's input; the LDAP settings are an
// admin's (files and variables only from the operator's allow-list).
func (p integrationInput) input() (integration.Input, error) {
	in := integration.Input{Name: p.Name, Kind: p.Kind, AutoInvite: p.AutoInvite,
		InviteDelaySeconds: p.InviteDelaySeconds, ReminderDays: p.ReminderDays, RequireApproval: p.RequireApproval, Disabled: p.Disabled,
		DeliveryMethod: p.DeliveryMethod, Permissions: p.Permissions}
	if p.LDAPConfig == nil && p.LDAPBindPassword == nil {
		return in, nil
	}
	in.LDAP = &integration.LDAPInput{BindPassword: p.LDAPBindPassword}
	if p.LDAPConfig != nil && *p.LDAPConfig != "" {
		c, err := ldapsync.ParseConfig([]byte(*p.LDAPConfig))
		if err != nil {
			return in, store.Invalid("ldapConfig", "not valid settings: unknown key or malformed YAML")
		}
		in.LDAP.Config = &c
	}
	return in, nil
}

// newIntegrations builds the service that writes integrations, admins and
// OIDC clients from the server's fields (Handler, when none was given).
func (s *Server) newIntegrations() *integration.Service {
	return &integration.Service{Store: s.Store, Directory: s.Directory,
		Password: password.Policy{MinLength: s.Config.PasswordMinLength}, Egress: s.egress}
}
