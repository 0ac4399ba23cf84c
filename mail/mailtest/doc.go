// Package mailtest runs a real SMTP server in-process (github.com/emersion/go-smtp) for
// tests that send mail: invitation delivery, outage and recovery, authentication, and the
// browser tests that read a link out of the received invitation.
//
// Typical use:
//
//	srv := mailtest.NewServer(t)                  // 127.0.0.1:<random port>, no TLS
//	sender, _ := mail.NewSMTPSender(srv.URL(), "Acme <noreply@acme.test>")
//	... code under test sends ...
//	msgs := srv.WaitFor(1, 5*time.Second)         // fails the test on timeout
//	p := msgs[0].MustParse(t)                     // headers, text and HTML parts, inline images
//
// Faults: SetDown(true) closes the listener (connection refused) and SetDown(false) listens
// again on the same port; Refuse(421) answers every MAIL FROM with that code until Refuse(0);
// RejectRecipient(addr) answers 550 for one address. WithAuth(user, pass) offers AUTH PLAIN
// and refuses unauthenticated mail.
//
// The server never offers STARTTLS, so smtp:// URLs (opportunistic TLS) and ?tls=none work
// and ?tls=starttls fails, as it should against such a server. It is for tests only: it keeps
// every message in memory and is closed by t.Cleanup.
package mailtest
