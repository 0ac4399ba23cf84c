package ldapsync

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func spoolUsers(n int) []User {
	var out []User
	for i := range n {
		u := User{ExternalID: "id" + strconv.Itoa(i), DN: "uid=u" + strconv.Itoa(i) + ",ou=people,dc=example,dc=org",
			UserName: "u" + strconv.Itoa(i), GivenName: "Zoë", FamilyName: strings.Repeat("ß", i%7),
			Manager: "uid=boss", Active: i%3 != 0, Hash: "h" + strconv.Itoa(i)}
		if i%10 != 0 {
			u.Emails = []string{"u" + strconv.Itoa(i) + "@example.com"}
			u.Email = u.Emails[0]
		}
		if i%97 == 0 {
			u.Emails = append(u.Emails, "second@example.org")
		}
		if i == 7 {
			u.DisplayName = strings.Repeat("x", 2*spoolMemory) // larger than the memory part
		}
		out = append(out, u)
	}
	return out
}

// The spool gives back exactly the users it was given, in order, in
// batches: a small one from memory, a large one from its file.
func TestUserSpoolRoundTrip(t *testing.T) {
	for _, n := range []int{5, 1200, 25_000} {
		want := spoolUsers(n)
		var s userSpool
		for i := range want {
			s.add(&want[i])
		}
		if inFile := s.file != nil; inFile != (n > 5) {
			t.Fatalf("%d users: in a file %v", n, inFile)
		}
		var got []User
		batches := 0
		for b, err := range s.batches(500) {
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > 500 {
				t.Fatalf("batch of %d", len(b))
			}
			batches++
			got = append(got, b...)
		}
		if s.len() != n || batches != (n+499)/500 || !reflect.DeepEqual(got, want) {
			t.Fatalf("%d users: got %d in %d batches; equal %v", n, len(got), batches, reflect.DeepEqual(got, want))
		}
		s.close()
	}
}
