package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// profileEnv names the directory where a process writes its CPU and
// allocation profiles (docs/performance.md). Unset, nothing is profiled.
// Only whoever starts the process sets it: it is read from the
// environment alone, never from the configuration file or a request.
const profileEnv = "PROVISIOND_PROFILE_DIR"

// startProfile starts the CPU profile of subcommand name when
// PROVISIOND_PROFILE_DIR is set, and returns the function that stops it
// and writes the allocation profile beside it: <dir>/<name>-cpu.pprof and
// <dir>/<name>-allocs.pprof. A profile that cannot be written is reported
// on stderr; the command runs anyway.
func startProfile(name string) (stop func()) {
	dir := os.Getenv(profileEnv)
	if dir == "" {
		return func() {}
	}
	warn := func(err error) { fmt.Fprintf(os.Stderr, "provisiond: %s: %v\n", profileEnv, err) }
	if err := os.MkdirAll(dir, 0o700); err != nil {
		warn(err)
		return func() {}
	}
	cpu, err := os.Create(filepath.Join(dir, name+"-cpu.pprof"))
	if err != nil {
		warn(err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		warn(err)
		cpu.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		cpu.Close()
		runtime.GC() // the allocation profile is as of the last GC
		f, err := os.Create(filepath.Join(dir, name+"-allocs.pprof"))
		if err != nil {
			warn(err)
			return
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			warn(err)
		}
	}
}
