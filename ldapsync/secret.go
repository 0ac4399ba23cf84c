package ldapsync

import (
	"fmt"
	"os"
	"strings"
)

// bindPassword reads the secret the Config only references. A file's single
// trailing newline is trimmed (editors and `echo` add one); anything else is
// kept, since a password may legitimately end in spaces.
func (c *Config) bindPassword() (string, error) {
	switch {
	case c.BindPasswordFile != "":
		b, err := os.ReadFile(c.BindPasswordFile)
		if err != nil {
			return "", fmt.Errorf("ldapsync: read bindPasswordFile: %w", err)
		}
		s := strings.TrimSuffix(string(b), "\n")
		return strings.TrimSuffix(s, "\r"), nil
	case c.BindPasswordEnv != "":
		v, ok := os.LookupEnv(c.BindPasswordEnv)
		if !ok {
			return "", fmt.Errorf("ldapsync: bindPasswordEnv %s: %w", c.BindPasswordEnv, errUnsetEnv)
		}
		return v, nil
	}
	return "", nil
}
