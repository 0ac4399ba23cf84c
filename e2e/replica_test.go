package e2e

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Deadlines: generous, for a shared 2-core machine.
const (
	timeoutCLI   = 2 * time.Minute
	timeoutReady = 60 * time.Second
	timeoutMail  = 3 * time.Minute
)

// replica is one `provisiond serve` process.
type replica struct {
	t    *testing.T
	name string
	url  string // http://127.0.0.1:port
	cmd  *exec.Cmd
	log  string // its stderr
	done chan struct{}
}

// startReplicas starts n replicas of c and waits until each is ready.
func (c *cluster) startReplicas(n int) []*replica {
	c.t.Helper()
	rs := make([]*replica, n)
	for i := range rs {
		rs[i] = c.startReplica(string(rune('a' + i)))
	}
	for _, r := range rs {
		r.waitReady()
	}
	return rs
}

// startReplica starts one serve process; t.Cleanup stops it (SIGTERM) and
// prints its log if the test failed.
func (c *cluster) startReplica(name string) *replica {
	c.t.Helper()
	dir := c.t.TempDir()
	addr := freeAddr(c.t)
	r := &replica{t: c.t, name: name, url: "http://" + addr, log: filepath.Join(dir, "stderr.log"),
		done: make(chan struct{})}
	logf, err := os.Create(r.log)
	if err != nil {
		c.t.Fatalf("replica %s: log: %v", name, err)
	}
	r.cmd = exec.Command(binary, "serve")
	r.cmd.Env = append(c.environ(dir), "PROVISIOND_LISTEN="+addr)
	r.cmd.Stdout, r.cmd.Stderr = logf, logf
	if err := r.cmd.Start(); err != nil {
		c.t.Fatalf("replica %s: start: %v", name, err)
	}
	go func() { r.cmd.Wait(); logf.Close(); close(r.done) }()
	c.t.Cleanup(func() {
		r.stop()
		if c.t.Failed() {
			b, _ := os.ReadFile(r.log)
			c.t.Logf("replica %s log (tail):\n%s", name, tail(b, 4000))
		}
	})
	return r
}

// waitReady polls /readyz until it answers 200.
func (r *replica) waitReady() {
	r.t.Helper()
	if !poll(timeoutReady, func() bool { return r.ready() == http.StatusOK }) {
		r.t.Fatalf("replica %s not ready within %v", r.name, timeoutReady)
	}
}

// ready returns /readyz's status, or 0 when the process does not answer.
func (r *replica) ready() int {
	cl := http.Client{Timeout: 3 * time.Second}
	resp, err := cl.Get(r.url + "/readyz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// kill sends SIGKILL: no graceful stop, jobs stay held by a dead process.
func (r *replica) kill() {
	r.cmd.Process.Signal(syscall.SIGKILL)
	<-r.done
}

// stop sends SIGTERM and waits, killing after 15 s.
func (r *replica) stop() {
	select {
	case <-r.done:
		return
	default:
	}
	r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.done:
	case <-time.After(15 * time.Second):
		r.kill()
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().String()
}

// poll calls ok every 100 ms until it is true or d has passed.
func poll(d time.Duration, ok func() bool) bool { return pollEvery(d, 100*time.Millisecond, ok) }

// pollEvery is poll with its own pause between tries.
func pollEvery(d, every time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if ok() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(every)
	}
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
