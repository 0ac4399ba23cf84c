package main

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// result is one benchmark line: its name without the GOMAXPROCS suffix and
// every metric it reported (ns/op included).
type result struct {
	name    string
	metrics map[string]float64
}

var cpuSuffix = regexp.MustCompile(`-\d+$`)

// parse reads `go test -bench` output and returns its result lines in
// order: "BenchmarkX/sub-2  1  123 ns/op  4.5 creates/s ...".
func parse(r io.Reader) []result {
	var rs []result
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue // a log line that starts with a benchmark's name
		}
		res := result{name: cpuSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), ""),
			metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				res.metrics[f[i+1]] = v
			}
		}
		rs = append(rs, res)
	}
	io.Copy(io.Discard, r) // keep the writer from blocking
	return rs
}
