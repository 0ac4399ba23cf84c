package ldapsync

import (
	"encoding/json"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Stored validates c (on a copy with defaults applied, every bad key at once)
// and returns the JSON kept on the integration: the settings as given, so a
// better default later reaches existing integrations. It never holds a
// password: only where to read one.
func (c Config) Stored() (string, error) {
	checked := c
	checked.ApplyDefaults()
	if err := checked.Validate(); err != nil {
		return "", err
	}
	b, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("ldapsync: encode config: %w", err)
	}
	return string(b), nil
}

// YAML renders c in the --ldap-config format, for an admin to edit.
func (c Config) YAML() (string, error) {
	b, err := yaml.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("ldapsync: render config: %w", err)
	}
	return string(b), nil
}
