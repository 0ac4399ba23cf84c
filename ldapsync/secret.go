package ldapsync

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxSecretFile bounds what is read from bindPasswordFile and caFile: a
// password or a CA bundle is small, and a device such as /dev/zero must fail
// the run rather than fill the memory.
const maxSecretFile = 1 << 20

// errNotRegular refuses devices, pipes and directories as secret files.
var errNotRegular = errors.New("not a regular file")

// errTooLarge refuses a secret file over maxSecretFile.
var errTooLarge = errors.New("larger than 1 MiB")

// bindPassword returns the password given in memory, or reads the one the
// Config references. A file's single trailing newline is trimmed (editors
// and `echo` add one); anything else is kept, since a password may
// legitimately end in spaces.
func (c *Config) bindPassword() (string, error) {
	switch {
	case c.BindPassword != "":
		return c.BindPassword, nil
	case c.BindPasswordFile != "":
		b, err := readSmallFile(c.BindPasswordFile)
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

// readSmallFile reads a regular file of at most maxSecretFile bytes.
func readSmallFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, errNotRegular)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxSecretFile {
		return nil, fmt.Errorf("%s: %w", path, errTooLarge)
	}
	return b, nil
}
