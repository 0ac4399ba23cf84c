// Package e2e holds process-level tests: they build the provisiond binary
// once, start replicas of `provisiond serve` as separate processes on one
// fresh PostgreSQL database, and break things around them (SMTP down, a
// replica SIGKILLed, PostgreSQL cut off through a TCP proxy) to show that
// nothing is lost or duplicated.
//
// The tests need PROVISIOND_TEST_POSTGRES_URL (an admin URL; each test
// creates and drops its own database) and skip without it, or fail when
// PROVISIOND_TEST_REQUIRE_SERVICES=1; the LDAP one also needs
// PROVISIOND_TEST_LDAP_URL (it adds its people in a private subtree and
// waits out the 1-minute minimum interval and the 2-minute run lease, so it
// takes about 4 minutes). Mail goes to an in-process
// mail/mailtest server. Replicas run with PROVISIOND_JOBS_RESCUE_AFTER=5s so
// that a killed replica's jobs come back within seconds (River's rescuer
// still only looks every 30 s). The two long tests run in parallel.
//
// The package has no non-test code but this comment: it must not be
// imported.
package e2e
