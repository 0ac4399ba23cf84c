package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store"
)

func TestBackupIsAUsableCopy(t *testing.T) {
	dir := inTempDir(t)
	if code, _, errOut := cli(t, nil, "integration", "create", "--name", "okta", "--kind", "scim"); code != 0 {
		t.Fatal(errOut)
	}
	dst := filepath.Join(dir, "copy.db")
	if code, out, errOut := cli(t, nil, "backup", dst); code != 0 || !strings.Contains(out, dst) {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	s, err := store.Open(context.Background(), "sqlite:"+dst)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.IntegrationByName(context.Background(), "okta"); err != nil {
		t.Fatalf("copy lacks the integration: %v", err)
	}
	if code, _, errOut := cli(t, nil, "backup", dst); code == 0 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("overwrite: %d %s", code, errOut)
	}
}
