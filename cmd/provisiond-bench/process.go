package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// environ is the environment of a provisiond process: the bench's own
// minus any PROVISIOND_* of the developer's shell, plus settings.
func environ(settings map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PROVISIOND_") {
			env = append(env, kv)
		}
	}
	for k, v := range settings {
		env = append(env, k+"="+v)
	}
	return env
}

// cliRun is a finished one-shot provisiond process.
type cliRun struct {
	wall    time.Duration // from start to exit
	peakKiB int64         // its ru_maxrss
	stdout  string        // the last 64 KiB of its output
}

// cli runs `provisiond args...` to its end. Its stderr goes to the bench log.
func (o *outside) cli(settings map[string]string, args ...string) (cliRun, error) {
	cmd := exec.Command(o.bin, args...)
	cmd.Env = environ(settings)
	out := &tailBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = out, o.log
	start := time.Now()
	err := cmd.Run()
	run := cliRun{wall: time.Since(start), stdout: string(out.b)}
	if err != nil {
		return run, fmt.Errorf("provisiond %s: %w", strings.Join(args, " "), err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		run.peakKiB = ru.Maxrss
	}
	return run, nil
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	b   []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append(t.b[:0], t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

// serveProc is a running `provisiond serve`.
type serveProc struct {
	cmd   *exec.Cmd
	url   string // http://127.0.0.1:port
	log   string // its stdout and stderr
	start time.Time
	done  chan struct{}
}

// serve starts `provisiond serve` on a free port, its logs in dir.
func (o *outside) serve(dir string, settings map[string]string) (*serveProc, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, "serve.log")
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	settings["PROVISIOND_LISTEN"] = addr
	p := &serveProc{cmd: exec.Command(o.bin, "serve"), url: "http://" + addr, log: logPath, done: make(chan struct{})}
	p.cmd.Env = environ(settings)
	p.cmd.Stdout, p.cmd.Stderr = logf, logf
	p.start = time.Now()
	if err := p.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start serve: %w", err)
	}
	go func() { p.cmd.Wait(); logf.Close(); close(p.done) }()
	return p, nil
}

// waitReady polls /readyz every 5 ms and returns the time from the
// process's start to the first 200.
func (p *serveProc) waitReady(timeout time.Duration) (time.Duration, error) {
	cl := http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		select {
		case <-p.done:
			return 0, errors.New("serve exited before it was ready (see serve.log)")
		default:
		}
		resp, err := cl.Get(p.url + "/readyz")
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return time.Since(p.start), nil
		}
	}
	return 0, fmt.Errorf("serve not ready within %v", timeout)
}

// memory returns a field of /proc/PID/status in KiB: VmRSS now, VmHWM the
// peak since the start.
func (p *serveProc) memory(field string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("serve memory: %w", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		}
	}
	return 0, fmt.Errorf("serve memory: no %s in /proc/PID/status", field)
}

// logTail returns the last n bytes of serve's log.
func (p *serveProc) logTail(n int) string {
	b, _ := os.ReadFile(p.log)
	return string(b[max(0, len(b)-n):])
}

// stop sends SIGTERM and waits, killing after 15 s.
func (p *serveProc) stop() {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}
