// Package ldaptest holds LDAP helpers for tests and benchmarks; the product
// must not import it.
//
// A fake LDAP directory in-process (recorder.go) for tests that must see
// what provisiond sends to a directory: it records every simple bind (DN
// and password) and refuses it with invalidCredentials, so a sync stops at the
// bind and writes nothing. It stands for a host an attacker controls: a test
// points an integration's url at it and asserts which passwords reach it.
//
// Typical use:
//
//	dir := ldaptest.NewBindRecorder(t)   // ldap://127.0.0.1:<random port>
//	... point an integration at dir.URL() and start a sync ...
//	binds := dir.WaitForBinds(t, 1)      // fails the test after a deadline
//	dir.Passwords()                      // every password received so far
//
// It speaks only BindRequest and UnbindRequest; anything else closes the
// connection. It is for tests only and is closed by t.Cleanup.
//
// The test directory itself (directory.go): URL (skips without
// PROVISIOND_TEST_LDAP_URL), Dial, Subtree (a private ou=people/ou=groups
// removed at cleanup), Add, AddPerson, Replace and DeleteTree, shared by the
// ldapsync, directory, cmd and e2e tests; NewCA and CAPEM (ca.go) for TLS.
//
// What benchmarks share about the test directory that
// the test directory (README: Tests, PROVISIOND_TEST_LDAP_URL) holds, from gen-ldif.py's data
// (ldaptest.go): its fixed accounts and the change the LDAP benchmarks make
// before timing an incremental run. The bench command uses it too.
package ldaptest
