package invite_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"github.com/provisiond/provisiond/account"
	"github.com/provisiond/provisiond/invite"
	"github.com/provisiond/provisiond/jobs"
	"github.com/provisiond/provisiond/mail"
	"github.com/provisiond/provisiond/secret"
	"github.com/provisiond/provisiond/store/storetest"
)

// BenchmarkAccountImport parses and imports a 10,000-row csv
// (PROVISIOND_BENCH_ROWS to change) on every dialect, with invite=later and
// with invite=now (each invitation's delivery job inserted in the import's
// transaction; the workers are not started, so no mail is sent):
//
//	go test ./invite -run '^$' -bench AccountImport -benchtime 1x
func BenchmarkAccountImport(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("PROVISIOND_BENCH_ROWS")); err == nil && v > 0 {
		n = v
	}
	var sb strings.Builder
	sb.WriteString("Email;Given name;Family name;External ID;userType;Roles;Language\n")
	for i := range n {
		fmt.Fprintf(&sb, "user%d@example.com;Given%d;Family%d;ext-%d;host;a|b;fr\n", i, i, i, i)
	}
	data := []byte(sb.String())
	for _, d := range storetest.Dialects(b) {
		for _, choice := range []string{"later", "now"} {
			b.Run(fmt.Sprintf("%s/invite=%s", d, choice), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					st := storetest.Open(b, d)
					keys, _ := secret.NewKeys(strings.Repeat("k", 40))
					log := slog.New(slog.NewTextHandler(io.Discard, nil))
					sender, _ := mail.NewSMTPSender("smtp://127.0.0.1:1", "noreply@example.test")
					svc := invite.New(st, keys, sender, invite.Config{BaseURL: baseURL}, log)
					workers := river.NewWorkers()
					river.AddWorker(workers, &invite.DeliveryWorker{Service: svc})
					jc, err := jobs.New(st, jobs.Config{Workers: workers})
					if err != nil {
						b.Fatal(err)
					}
					svc.Jobs = jc
					accts := account.New(st, invite.Policy{Service: svc}, log)
					b.StartTimer()
					rows, err := invite.ParseAccountImport("people.csv", data)
					if err != nil {
						b.Fatal(err)
					}
					res, err := svc.ImportAccounts(context.Background(), accts, account.Actor{Kind: "admin", Name: "bench"}, rows,
						invite.AccountImportOptions{FileName: "people.csv", Invite: choice})
					if err != nil {
						b.Fatal(err)
					}
					if res.Import.CreatedCount != n {
						b.Fatalf("created %d of %d", res.Import.CreatedCount, n)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}
