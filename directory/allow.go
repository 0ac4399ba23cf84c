package directory

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// AllowList is what the operator lets the admin API and console name in
// an LDAP integration's settings (PROVISIOND_LDAP_FILES_DIR and
// PROVISIOND_LDAP_ENV_PREFIX): regular files under FilesDir, as
// bindPasswordFile or caFile, and environment variables whose names start
// with EnvPrefix, as bindPasswordEnv. The zero value allows nothing: without
// it an admin could point a bind at the server's own secret key file or
// environment and read it on a directory they control.
type AllowList struct {
	FilesDir  string
	EnvPrefix string
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// allowsFile reports whether path, once every symbolic link is resolved, is
// a regular file inside FilesDir.
func (l AllowList) allowsFile(path string) bool {
	if l.FilesDir == "" || !filepath.IsAbs(path) {
		return false
	}
	dir, err := filepath.EvalSymlinks(l.FilesDir)
	if err != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(dir, real)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	st, err := os.Stat(real)
	return err == nil && st.Mode().IsRegular()
}

// allowsEnv reports whether name is a variable name longer than EnvPrefix that starts with it.
func (l AllowList) allowsEnv(name string) bool {
	return l.EnvPrefix != "" && len(name) > len(l.EnvPrefix) && strings.HasPrefix(name, l.EnvPrefix) && envName.MatchString(name)
}
