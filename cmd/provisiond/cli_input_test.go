package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/provisiond/provisiond/store/storetest"
)

// TestHostileFiles: whoever runs a command can name any file; what is not a
// small regular csv/xlsx is refused in one line that quotes none of its
// content, before anything is written. A formula cell is an invalid row
// (exit 4) and is printed neutralised.
func TestHostileFiles(t *testing.T) {
	dir, _, env := cliEnv(t, "sqlite")
	huge := filepath.Join(dir, "huge.csv")
	if err := os.WriteFile(huge, nil, 0o600); err != nil || os.Truncate(huge, maxUploadBytes+1) != nil {
		t.Fatal("sparse file")
	}
	cases := map[string]struct{ path, want string }{
		"system file":  {"/etc/passwd", "import file needs a header row"},
		"device":       {"/dev/zero", "is not a regular file"},
		"directory":    {dir, "is not a regular file"},
		"huge":         {huge, "is larger than 20 MB"},
		"missing file": {filepath.Join(dir, "nope.csv"), "no such file"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for _, args := range [][]string{{"invite", "--file", tc.path}, {"account", "import", tc.path}} {
				code, out, errOut := cli(t, env, args...)
				if code != 1 || out != "" || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 || strings.Contains(errOut, "root:") {
					t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and one line with %q", args, code, out, errOut, tc.want)
				}
			}
		})
	}
	formula := filepath.Join(dir, "formula.csv")
	os.WriteFile(formula, []byte("Email\n=HYPERLINK(\"http://evil.test\")\n@SUM(A1)\n"), 0o600)
	for _, args := range [][]string{{"invite", "--file", formula}, {"account", "import", formula}} {
		code, out, errOut := cli(t, env, args...)
		if code != exitRowsFailed || !strings.Contains(out, "'=HYPERLINK") || !strings.Contains(out, "'@SUM(A1)") ||
			strings.Contains(out, "\t=HYPERLINK") || !strings.Contains(out, "invalid") {
			t.Errorf("%v: exit %d %q %q", args, code, out, errOut)
		}
	}
	st := storetest.OpenURL(t, env["PROVISIOND_DATABASE_URL"])
	if n, _ := st.CountAccountsByStatus(t.Context()); len(n) != 0 {
		t.Errorf("accounts created from hostile files: %v", n)
	}
}
