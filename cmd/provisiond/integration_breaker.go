package main

import (
	"flag"
	"time"

	"github.com/provisiond/provisiond/integration"
)

// breakerFlags are the --breaker* flags of integration set (zero: unchanged).
type breakerFlags struct {
	on               optBool
	percent, minimum int
	window           time.Duration
}

func (b *breakerFlags) register(fs *flag.FlagSet) {
	fs.Var(&b.on, "breaker", "true or false: hold mass deactivations and deletions (account/breaker.go)")
	fs.IntVar(&b.percent, "breaker-percent", 0, "trip past this percent of the active accounts (1..100)")
	fs.IntVar(&b.minimum, "breaker-min", 0, "and at least this many deprovisions")
	fs.DurationVar(&b.window, "breaker-window", 0, "the sliding window, e.g. 1h")
}

// input is the breaker change the flags ask for, nil when none was given.
func (b *breakerFlags) input() *integration.BreakerInput {
	if !b.on.set && b.percent == 0 && b.minimum == 0 && b.window == 0 {
		return nil
	}
	in := &integration.BreakerInput{Enabled: b.on.ptr()}
	seconds := int(b.window.Seconds())
	for dst, v := range map[**int]*int{&in.Percent: &b.percent, &in.Min: &b.minimum, &in.WindowSeconds: &seconds} {
		if *v != 0 {
			*dst = v
		}
	}
	return in
}
