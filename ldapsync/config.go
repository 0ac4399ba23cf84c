package ldapsync

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is one LDAP integration's settings: the keys of the --ldap-config
// YAML at its top level. Its serialised forms hold no secret: the bind
// password is either read at Dial time from BindPasswordFile or
// BindPasswordEnv (references only the operator, or the operator's
// allow-list, may set: directory/settings.go), or given to the caller,
// which keeps it sealed and puts it in BindPassword for one run only.
type Config struct {
	URL      string `yaml:"url" json:"url"`
	StartTLS bool   `yaml:"startTLS" json:"startTLS,omitempty"`
	// CAFile is a PEM file on the server; CACertificate is the PEM itself,
	// which is what the admin API takes (it names no server file).
	CAFile             string `yaml:"caFile" json:"caFile,omitempty"`
	CACertificate      string `yaml:"caCertificate" json:"caCertificate,omitempty"`
	InsecureSkipVerify bool   `yaml:"insecureSkipVerify" json:"insecureSkipVerify,omitempty"`
	BindDN             string `yaml:"bindDN" json:"bindDN,omitempty"`
	BindPasswordFile   string `yaml:"bindPasswordFile" json:"bindPasswordFile,omitempty"`
	BindPasswordEnv    string `yaml:"bindPasswordEnv" json:"bindPasswordEnv,omitempty"`
	// BindPassword is the password itself, in memory only: never parsed
	// from YAML, never written to JSON.
	BindPassword string        `yaml:"-" json:"-"`
	Users        UserSearch    `yaml:"users" json:"users"`
	Groups       GroupSearch   `yaml:"groups" json:"groups"`
	Interval     time.Duration `yaml:"interval" json:"interval,omitempty"` // 0: no schedule
	// MaxDeactivatePercent caps removals plus suspensions per run, as a
	// percentage of the active accounts; nil means 10 (ApplyDefaults sets it).
	MaxDeactivatePercent *float64 `yaml:"maxDeactivatePercent" json:"maxDeactivatePercent,omitempty"`
	// AutoInvite is the integration's policy; the Target applies it.
	AutoInvite      bool `yaml:"autoInvite" json:"autoInvite,omitempty"`
	ActiveDirectory bool `yaml:"activeDirectory" json:"activeDirectory,omitempty"`
}

// UserSearch says where users are and how their attributes map to accounts.
type UserSearch struct {
	BaseDN         string `yaml:"baseDN" json:"baseDN"`
	Filter         string `yaml:"filter" json:"filter,omitempty"`
	DisabledFilter string `yaml:"disabledFilter" json:"disabledFilter,omitempty"`
	// Attributes maps account fields (see Fields) to LDAP attributes; a value
	// may list fallbacks separated by "|", e.g. "displayName|cn".
	Attributes map[string]string `yaml:"attributes" json:"attributes,omitempty"`
}

// GroupSearch says where groups are; an empty BaseDN turns group sync off.
type GroupSearch struct {
	BaseDN          string `yaml:"baseDN" json:"baseDN,omitempty"`
	Filter          string `yaml:"filter" json:"filter,omitempty"`
	MemberAttribute string `yaml:"memberAttribute" json:"memberAttribute,omitempty"`
}

// ParseConfig decodes the --ldap-config YAML, rejecting unknown keys. It does
// not apply defaults or validate: call ApplyDefaults then Validate.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("ldapsync: parse config: %w", err)
	}
	return c, nil
}

// MaxDeactivate returns the effective threshold in percent.
func (c *Config) MaxDeactivate() float64 {
	if c.MaxDeactivatePercent == nil {
		return defaultMaxDeactivatePercent
	}
	return *c.MaxDeactivatePercent
}
