package mailtest

import (
	"net"
	"strings"
)

// SetDown(true) stops listening and drops open connections, so clients get "connection
// refused"; SetDown(false) listens again on the same address. Messages are kept.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	srv, l, done := s.srv, s.l, s.done
	if down {
		s.srv = nil
	}
	s.mu.Unlock()
	switch {
	case down && srv != nil:
		_ = srv.Close()
		// Close only knows listeners Serve has registered; if Serve's goroutine has not run
		// yet, closing the listener ourselves is what makes Serve return.
		_ = l.Close()
		<-done
	case !down && srv == nil:
		l, err := net.Listen("tcp", s.addr)
		if err != nil {
			s.t.Fatalf("mailtest: listen again on %s: %v", s.addr, err)
		}
		s.serve(l)
	}
}

// Refuse makes the server answer every MAIL FROM with code (e.g. 421 or 451 for a
// temporary failure, 550 or 554 for a permanent one) until Refuse(0).
func (s *Server) Refuse(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = code
}

// RejectRecipient makes the server answer 550 to RCPT TO addr (case-insensitive).
func (s *Server) RejectRecipient(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejected[strings.ToLower(addr)] = true
}
