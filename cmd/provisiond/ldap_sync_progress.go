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

// progressBar draws a sync's progress on a terminal: entries read, then
// changes applied out of those planned. It draws nothing when w is not a
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
	b.mu.Lock()
	defer b.mu.Unlock()
	if time.Since(b.drawn) < 100*time.Millisecond && p.Phase != "done" {
		return
	}
	b.drawn = time.Now()
	var line string
	switch {
	case p.Phase == "apply" && p.Total > 0:
		const cells = 30
		n := cells * p.Applied / p.Total
		line = fmt.Sprintf("[%s%s] read %d, applied %d/%d", strings.Repeat("#", n), strings.Repeat(".", cells-n),
			p.Read, p.Applied, p.Total)
	case p.Phase == "done":
		line = fmt.Sprintf("done: read %d, applied %d", p.Read, p.Applied)
	default:
		line = fmt.Sprintf("reading the directory: %d entries", p.Read)
	}
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
