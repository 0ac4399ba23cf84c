package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkCreateUsers/sqlite-2         	       1	2681653808 ns/op	         0.1982 create/raw	       745.8 creates/s	      3764 raw_inserts/s
BenchmarkGroups/sqlite/add-member/10-2         	       1	    712601 ns/op	         1.000 p50-ratio-to-10	       708.0 p50-µs
BenchmarkGroups/sqlite/add-member/100000-2     	       1	    427260 ns/op	         0.6011 p50-ratio-to-10	       425.0 p50-µs
    bench_test.go:99: BenchmarkInviteAll/sqlite: a log line
BenchmarkInviteAll/sqlite-2 	1	9000000000 ns/op	4.000 enqueue-s	600.0 mails/s	42.00 peak-heap-MB
PASS
`

// TestTable pins the parsing of `go test -bench` lines and the rows the
// rules make of them: in-run baselines, sibling baselines, fixed targets.
func TestTable(t *testing.T) {
	rs := parse(strings.NewReader(sample))
	if len(rs) != 4 {
		t.Fatalf("parsed %d results, want 4: %+v", len(rs), rs)
	}
	var b bytes.Buffer
	writeTable(&b, rs, map[string]int64{"invite": 200 << 10}, nil)
	out := b.String()
	for _, want := range []string{
		"| CreateUsers/sqlite | creates/s | 746 | raw_inserts/s 3764 | 0.198 | ratio >= 0.5 | — |",
		"| Groups/sqlite/add-member/100000 | p50-µs | 425 | at 10: 708 | 0.6 | ratio <= 1.5 at 100k | — |",
		"| InviteAll/sqlite | mails/s | 600 | target 300 | 2.00 | >= 300 | 42.0 peak-heap-MB |",
		"| InviteAll/sqlite | enqueue-s | 4.00 | target 10.0 | 0.4 | <= 10 s | 42.0 peak-heap-MB |",
		"Peak RSS of the invite benchmark process (ru_maxrss): 200 MiB",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
