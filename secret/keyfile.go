package secret

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadOrCreateKeyFile returns the master key stored at path, creating the file with 64
// random hex characters (mode 0600, directory 0700) when it does not exist. Creation is
// atomic and never overwrites: two processes starting together end up with the same key.
func LoadOrCreateKeyFile(path string) (string, error) {
	key, err := readKeyFile(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("secret: create directory for key file %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, ".secret-key-*") // CreateTemp uses mode 0600
	if err != nil {
		return "", fmt.Errorf("secret: key file %s not writable: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	buf := make([]byte, 32)
	_, _ = rand.Read(buf) // never fails since Go 1.24
	_, werr := tmp.WriteString(hex.EncodeToString(buf) + "\n")
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return "", fmt.Errorf("secret: write key file %s: %w", path, werr)
	}
	// A hard link publishes the complete file under its final name, and fails rather than
	// replacing a key another process created meanwhile (rename would overwrite it). Rename
	// remains the fallback for file systems without hard links.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return "", fmt.Errorf("secret: create key file %s: %w", path, err)
		}
	}
	return readKeyFile(path)
}

func readKeyFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("secret: read key file %s: %w", path, err)
	}
	key := strings.TrimSpace(string(b))
	if len(key) < MinMasterKeyLength {
		return "", fmt.Errorf("secret: key file %s: key shorter than %d characters", path, MinMasterKeyLength)
	}
	return key, nil
}
