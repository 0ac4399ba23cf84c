package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/provisiond/provisiond/ldapsync"
)

// progressBar draws progress on a terminal: a sync's entries read, then
// changes applied out of those planned; or rows handled out of all (count).
// It draws nothing when w is not a
// terminal (cron mails, pipes, tests), and at most ten times a second.
type progressBar struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	drawn time.Time
	width int
}

func newProgressBar(f *os.File) *progressBar {
	st, err := f.Stat()
	return &progressBar{w: f, on: err == nil && st.Mode()&os.ModeCharDevice != 0}
}

func (b *progressBar) update(p ldapsync.Progress) {
	if b == nil || !b.on {
		return
	}
	var line string
	switch {
	case p.Phase == "apply" && p.Total > 0:
		line = bar(p.Applied, p.Total) + fmt.Sprintf(" read %d, applied %d/%d", p.Read, p.Applied, p.Total)
	case p.Phase == "done":
		line = fmt.Sprintf("done: read %d, applied %d", p.Read, p.Applied)
	default:
		line = fmt.Sprintf("reading the directory: %d entries", p.Read)
	}
	b.draw(line, p.Phase == "done")
}

// count draws "[###...] what done/total": invite --all and account import
// report through it (invite.Service's progress callbacks).
func (b *progressBar) count(what string) func(done, total int) {
	return func(done, total int) {
		if b == nil || !b.on || total <= 0 {
			return
		}
		b.draw(bar(done, total)+fmt.Sprintf(" %s %d/%d", what, done, total), done == total)
	}
}

// bar is a 30-cell bar filled done/total.
func bar(done, total int) string {
	const cells = 30
	n := cells * min(done, total) / total
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", cells-n) + "]"
}

// draw rewrites the bar's line, at most ten times a second unless final.
func (b *progressBar) draw(line string, final bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if time.Since(b.drawn) < 100*time.Millisecond && !final {
		return
	}
	b.drawn = time.Now()
	pad := max(0, b.width-len(line))
	b.width = len(line)
	fmt.Fprintf(b.w, "\r%s%s", line, strings.Repeat(" ", pad))
}

// finish ends the bar's line so logs and the summary start on their own.
func (b *progressBar) finish() {
	if b == nil || !b.on {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.width > 0 {
		fmt.Fprintln(b.w)
	}
}
