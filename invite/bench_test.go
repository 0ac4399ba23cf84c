package invite_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store"
	"github.com/provisiond/provisiond/store/storetest"
)

// BenchmarkInviteAll invites 100,000 accounts (PROVISIOND_BENCH_ACCOUNTS to
// change) and reports the time to enqueue, the delivery rate into a real
// in-process SMTP server and the peak Go heap. Run it once per dialect:
//
//	go test ./invite -run '^$' -bench InviteAll -benchtime 1x
//
// PROVISIOND_BENCH_ENQUEUE_ONLY=1 stops after the enqueue. The SMTP sink counts and discards messages: mailtest keeps every message
// in memory, which would measure the sink instead of provisiond.
func BenchmarkInviteAll(b *testing.B) {
	n := 100000
	if v, err := strconv.Atoi(os.Getenv("PROVISIOND_BENCH_ACCOUNTS")); err == nil && v > 0 {
		n = v
	}
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			for range b.N {
				benchInviteAll(b, storetest.Open(b, d), n)
			}
		})
	}
}

func benchInviteAll(b *testing.B, st *store.Store, n int) {
	ctx := context.Background()
	seedAccounts(b, st, n)
	sink := newCountingSMTP(b)
	keys, _ := secret.NewKeys(strings.Repeat("k", 40))
	sender, err := mail.NewSMTPSender(sink.url, "Acme <noreply@acme.test>")
	if err != nil {
		b.Fatal(err)
	}
	svc := invite.New(st, keys, sender, invite.Config{BaseURL: baseURL, OrgName: "Acme", MailFrom: "noreply@acme.test"}, nil)
	workers := river.NewWorkers()
	invite.AddWorkers(workers, svc)
	jc, err := jobs.New(st, jobs.Config{Workers: workers}) // the default worker count, as serve runs
	if err != nil {
		b.Fatal(err)
	}
	svc.Jobs = jc
	peak := watchHeap()
	runtime.GC()
	b.ResetTimer()
	start := time.Now()
	res, err := svc.InviteAll(ctx, "bench", nil, "Welcome")
	enqueue := time.Since(start)
	if err != nil || res.Invited != n {
		b.Fatalf("invite all: %+v %v", res, err)
	}
	if os.Getenv("PROVISIOND_BENCH_ENQUEUE_ONLY") == "1" {
		b.ReportMetric(enqueue.Seconds(), "enqueue-s")
		b.Logf("%s: %d accounts: enqueue %v", st.Dialect(), n, enqueue.Round(time.Millisecond))
		return
	}
	if err := jc.Start(ctx); err != nil {
		b.Fatal(err)
	}
	dstart := time.Now()
	for sink.count.Load() < int64(n) {
		if time.Since(dstart) > 30*time.Minute {
			b.Fatalf("only %d of %d delivered", sink.count.Load(), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
	deliver := time.Since(dstart)
	b.StopTimer()
	jobs.Stop(jc, 10*time.Second)
	heap := peak()
	b.ReportMetric(enqueue.Seconds(), "enqueue-s")
	b.ReportMetric(float64(n)/deliver.Seconds(), "mails/s")
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	b.Logf("%s: %d accounts: enqueue %v, delivery %v (%.0f mails/s), peak heap %.1f MB, %d mails",
		st.Dialect(), n, enqueue.Round(time.Millisecond), deliver.Round(time.Millisecond),
		float64(n)/deliver.Seconds(), float64(heap)/(1<<20), sink.count.Load())
}

// seedAccounts inserts n active not_invited accounts with emails, quickly.
func seedAccounts(b testing.TB, st *store.Store, n int) {
	b.Helper()
	db := st.DB()
	ph := func(i int) string {
		if st.Dialect() == store.Postgres {
			return "$" + strconv.Itoa(i)
		}
		return "?"
	}
	now := store.Now()
	const batch = 500
	for i := 0; i < n; i += batch {
		var sb strings.Builder
		sb.WriteString("INSERT INTO accounts (id, origin, user_name, email, active, status, created_at, updated_at) VALUES ")
		args := []any{}
		for j := i; j < min(i+batch, n); j++ {
			if j > i {
				sb.WriteByte(',')
			}
			k := len(args)
			fmt.Fprintf(&sb, "(%s,'admin',%s,%s,TRUE,'not_invited',%s,%s)", ph(k+1), ph(k+2), ph(k+3), ph(k+4), ph(k+5))
			args = append(args, store.NewID(), fmt.Sprintf("user%06d", j), fmt.Sprintf("user%06d@example.com", j), now, now)
		}
		if _, err := db.Exec(sb.String(), args...); err != nil {
			b.Fatal(err)
		}
	}
}

// watchHeap samples the Go heap until the returned func is called, which
// reports the peak.
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); return peak.Load() }
}

// countingSMTP is a real SMTP server (go-smtp) that counts and discards.
type countingSMTP struct {
	url   string
	count atomic.Int64
}

func newCountingSMTP(b *testing.B) *countingSMTP {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	c := &countingSMTP{url: "smtp://" + l.Addr().String()}
	srv := smtp.NewServer(c)
	srv.Domain = "sink.local"
	go srv.Serve(l)
	b.Cleanup(func() { srv.Close() })
	return c
}

func (c *countingSMTP) NewSession(*smtp.Conn) (smtp.Session, error) { return countingSession{c}, nil }

type countingSession struct{ c *countingSMTP }

func (countingSession) Mail(string, *smtp.MailOptions) error { return nil }
func (countingSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s countingSession) Data(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	s.c.count.Add(1)
	return nil
}
func (countingSession) Reset()        {}
func (countingSession) Logout() error { return nil }
