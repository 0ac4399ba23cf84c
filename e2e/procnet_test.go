package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// connectedTo returns the replica among rs that holds an established TCP
// connection to port (Linux /proc), or nil: it tells which replica is
// running a sync against the directory.
func connectedTo(rs []*replica, port int) *replica {
	inodes := map[string]bool{}
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			fs := strings.Fields(line)
			if len(fs) < 10 || fs[3] != "01" { // 01: ESTABLISHED
				continue
			}
			if _, p, ok := strings.Cut(fs[2], ":"); ok && p == fmt.Sprintf("%04X", port) {
				inodes["socket:["+fs[9]+"]"] = true
			}
		}
	}
	for _, r := range rs {
		dir := filepath.Join("/proc", strconv.Itoa(r.cmd.Process.Pid), "fd")
		fds, _ := os.ReadDir(dir)
		for _, fd := range fds {
			if l, err := os.Readlink(filepath.Join(dir, fd.Name())); err == nil && inodes[l] {
				return r
			}
		}
	}
	return nil
}
