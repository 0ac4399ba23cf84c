package ldapsync

import "errors"

var (
	errUnsetEnv       = errors.New("environment variable not set")
	errNoCertificates = errors.New("no PEM certificate found")
	errNoCookie       = errors.New("server returned no sync cookie")
	// errBadEntry marks an entry that is logged, counted and skipped.
	errBadEntry = errors.New("bad entry")
)
