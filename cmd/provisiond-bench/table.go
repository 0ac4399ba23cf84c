package main

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// rule says how to show one figure of the benchmarks whose name matches:
// beside another metric of the same run (a raw baseline measured in the same
// process), beside the same metric of a sibling run (the smallest group
// size), or beside the target when the benchmark has no baseline.
type rule struct {
	bench    *regexp.Regexp
	figure   string  // metric name as reported
	baseline string  // metric of the same run, or "" (see sibling, fixed)
	sibling  string  // replaces bench's last path element to find the baseline run
	fixed    float64 // the target used as baseline
	target   string
	scale    float64 // multiplies the figure (and names it label), e.g. ns/op to ms
	label    string
}

var rules = []rule{
	{bench: re(`^CreateUsers/`), figure: "creates/s", baseline: "raw_inserts/s", target: "ratio >= 0.5"},
	{bench: re(`^UserNameFilter/`), figure: "p50_100k_ms", baseline: "p50_1k_ms", target: "ratio <= 1.5"},
	{bench: re(`^Groups/.*/(add-member|get-excluding-members)/\d+$`), figure: "p50-µs", sibling: "10", target: "ratio <= 1.5 at 100k"},
	{bench: re(`^Groups/.*/get-with-members/`), figure: "ns/op", scale: 1e-6, label: "ms", target: "time and memory"},
	{bench: re(`^PatchUser1000Ops/`), figure: "others_p50_ms", baseline: "others_alone_p50_ms", target: "ratio <= 2"},
	{bench: re(`^PatchUser1000Ops/`), figure: "patch1000_ms", fixed: 1000, target: "< 1000 ms"},
	{bench: re(`^CursorWalk/`), figure: "last_page_ms", baseline: "first_page_ms", target: "ratio <= 1.5"},
	{bench: re(`^CursorWalk/`), figure: "index_last_page_ms", baseline: "first_page_ms", target: "none (index paging, for comparison)"},
	{bench: re(`^InviteAll/`), figure: "enqueue-s", fixed: 10, target: "<= 10 s"},
	{bench: re(`^InviteAll/`), figure: "mails/s", fixed: 300, target: ">= 300"},
	{bench: re(`^XLSXBomb/`), figure: "refuse_ms", fixed: 1000, target: "< 1000 ms"},
	{bench: re(`^XLSXBomb/`), figure: "alloc_MiB", fixed: 64, target: "<= 64 MiB"},
	{bench: re(`Sync100k`), figure: "full_sync_s", baseline: "raw_read_s", target: "ratio <= 5"},
	{bench: re(`Sync100k`), figure: "users/s", fixed: 5000, target: ">= 5000"},
	{bench: re(`Sync100k`), figure: "incr_ms", fixed: 1000, target: "< 1000"},
	// The outside measures (outside*.go): each row's peak memory is the
	// peak RSS of the process measured (serve's VmHWM, a CLI's ru_maxrss).
	{bench: re(`^Outside/.*/serve-start$`), figure: "ready_s", fixed: 1, target: "< 1 s"},
	{bench: re(`^Outside/.*/serve-start$`), figure: "idle_rss_MB", fixed: 40, target: "< 40 MB"},
	{bench: re(`^Outside/.*/scim-create$`), figure: "creates/s", baseline: "raw_inserts/s", target: "ratio >= 0.5 (the round of median ratio)"},
	{bench: re(`^Outside/.*/scim-create$`), figure: "lowest_ratio", target: "the lowest round's ratio"},
	{bench: re(`^Outside/.*/scim-create$`), figure: "rounds", target: "rounds, each on fresh databases"},
	{bench: re(`^Outside/.*/account-import$`), figure: "rows/s", fixed: 5000, target: ">= 5000"},
	{bench: re(`^Outside/.*/invite-all$`), figure: "call_s", fixed: 10, target: "<= 10 s"},
	{bench: re(`^Outside/.*/invite-all$`), figure: "mails/s", fixed: 300, target: ">= 300"},
	{bench: re(`^Outside/.*/invite-all$`), figure: "peak_rss_MB", fixed: 150, target: "<= 150 MB"},
	{bench: re(`^Outside/.*/invite-all$`), figure: "duplicates", target: "0"},
	{bench: re(`^Outside/.*/invite-all$`), figure: "call_errors", target: "0 (1: the call got no answer)"},
	// The same with a webhook endpoint on account.invited (-measures webhook).
	{bench: re(`^Outside/.*/invite-all-webhook$`), figure: "call_s", fixed: 10, target: "<= 10 s"},
	{bench: re(`^Outside/.*/invite-all-webhook$`), figure: "mails/s", fixed: 300, target: ">= 300"},
	{bench: re(`^Outside/.*/invite-all-webhook$`), figure: "events/s", target: "none (every account.invited event delivered)"},
	{bench: re(`^Outside/.*/invite-all-webhook$`), figure: "peak_rss_MB", fixed: 150, target: "<= 150 MB"},
	{bench: re(`^Outside/.*/invite-all-webhook$`), figure: "duplicates", target: "0"},
	{bench: re(`^Outside/.*/invite-all-webhook$`), figure: "event_duplicates", target: "none (at least once: a receiver dedupes by event id)"},
	{bench: re(`^Outside/.*/invite-all-webhook$`), figure: "call_errors", target: "0 (1: the call got no answer)"},
	{bench: re(`^Outside/.*/ldap-sync-full$`), figure: "full_sync_s", target: "none (the incremental's setup)"},
	{bench: re(`^Outside/.*/ldap-sync-incremental$`), figure: "incr_s", fixed: 1, target: "< 1 s"},
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// peakMetrics are the benchmarks' own peak-memory metrics, in MiB/MB.
var peakMetrics = []string{"peak-heap-MiB", "peak-heap-MB", "peak_heap_MB", "peak_rss_MB"}

// writeTable prints one Markdown row per rule that matches a result, then
// the peak RSS of each package's test binary, then the notes.
func writeTable(w io.Writer, rs []result, rssKiB map[string]int64, notes []string) {
	byName := map[string]result{}
	for _, r := range rs {
		byName[r.name] = r
	}
	fmt.Fprintln(w, "| benchmark | figure | value | baseline | ratio | target | peak memory |")
	fmt.Fprintln(w, "|---|---|---:|---|---:|---|---:|")
	for _, r := range rs {
		for _, ru := range rules {
			v, ok := r.metrics[ru.figure]
			if !ru.bench.MatchString(r.name) || !ok {
				continue
			}
			name := ru.figure
			if ru.scale != 0 {
				v, name = v*ru.scale, ru.label
			}
			base, bv := baselineOf(ru, r, byName)
			ratio := "—"
			if bv != 0 {
				ratio = num(v / bv)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", r.name, name, num(v), base, ratio, ru.target, peakOf(r))
		}
	}
	pkgs := make([]string, 0, len(rssKiB))
	for p := range rssKiB {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	fmt.Fprintln(w)
	for _, p := range pkgs {
		if rssKiB[p] < 0 {
			fmt.Fprintf(w, "%s: skipped (no result: its service is not configured)\n", p)
			continue
		}
		fmt.Fprintf(w, "Peak RSS of the %s benchmark process (ru_maxrss): %.0f MiB\n", p, float64(rssKiB[p])/1024)
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
}

// baselineOf returns the baseline's label and value (0: none).
func baselineOf(ru rule, r result, byName map[string]result) (string, float64) {
	switch {
	case ru.baseline != "":
		bv := r.metrics[ru.baseline]
		return fmt.Sprintf("%s %s", ru.baseline, num(bv)), bv
	case ru.sibling != "":
		name := r.name[:strings.LastIndexByte(r.name, '/')+1] + ru.sibling
		bv := byName[name].metrics[ru.figure]
		return fmt.Sprintf("at %s: %s", ru.sibling, num(bv)), bv
	case ru.fixed != 0:
		return fmt.Sprintf("target %s", num(ru.fixed)), ru.fixed
	}
	return "—", 0
}

func peakOf(r result) string {
	for _, m := range peakMetrics {
		if v, ok := r.metrics[m]; ok {
			return num(v) + " " + m
		}
	}
	return "—"
}

// num prints about three significant digits.
func num(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 100 || v <= -100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10 || v <= -10:
		return fmt.Sprintf("%.1f", v)
	case v >= 1 || v <= -1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3g", v)
}
