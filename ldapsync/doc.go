// Package ldapsync imports users and groups from an LDAP directory (OpenLDAP,
// Active Directory) into provisiond through a Target, which directory.Target
// implements over account.Service. It owns the LDAP side only: connecting
// (ldap, ldaps, StartTLS), streaming searches, mapping entries to users, the
// diff against what the Target already holds, incremental sync (RFC 4533
// syncrepl refreshOnly with a cookie, or modifyTimestamp where the server has
// no syncprov), the safety stops and dry runs.
//
// Flow of one Run:
//
//	Dial -> read users (paged, streamed) -> read groups -> plan (diff with
//	Target.Snapshot) -> safety checks -> [DryRun: stop here] -> Upsert in
//	batches -> Remove -> SyncGroups -> SaveCookie
//
// An incremental run does not read Target.Snapshot when the Target is a
// KnownLookup and at most 500 entries changed (known.go,
// incremental_changes.go): it asks the Target about the changed and
// deleted keys, asks the directory the disabled filter of each changed
// entry (a base search) instead of reading the whole disabled set, and
// counts the active accounts only when the run deactivates any. A present
// phase, more changes, or a group re-read (which resolves member DNs over
// every account) reads the snapshot as before.
//
// Every read happens before the first write, so a directory that is down, a
// referral, a missing base or an empty or suspiciously small result changes
// nothing: Run returns a *SafetyStop and the Target is untouched. Force lifts
// the stops that are a judgement (zero entries, the deactivation threshold,
// referrals) for one run; it never lifts a failed search.
//
// Until the checks pass, the users to write wait in a spool (spool.go): in
// memory for a small run, in an unlinked temporary file for a large one, so
// that a first import of 100,000 users does not hold them all on the heap.
// A Target that is a ConcurrentUpserter (PostgreSQL) takes several batches
// at once; one that is a BatchUpserter (SQLite, one writer) takes the
// batches as a sequence and writes several per transaction, the next one
// decoded while one is written.
//
// Accounts are keyed on entryUUID (OpenLDAP) or objectGUID (Active Directory),
// never on the DN, so renames and moves keep the account.
//
// This package must not: import other provisiond packages (directory/ adapts
// account/ to Target), store or log the bind password (Config serialises only
// a file or env reference to it; a password given through the admin API
// reaches it in Config.BindPassword, in memory, for one connection), decide
// who may name a file or variable (directory/settings.go does), or use
// SearchWithPaging (it buffers the whole result). CredentialScope names the
// settings a bind password is tied to (url, bind DN, TLS): callers seal a
// stored password to it. Secret files are read only when small and regular
// (secret.go).
//
// Active Directory: the preset (objectGUID, sAMAccountName, userAccountControl
// bit 2, nested groups through LDAP_MATCHING_RULE_IN_CHAIN) and its
// incremental sync by uSNChanged and tombstones (usn.go) are tested against a
// Samba AD DC (ad_test.go; not against Windows Server). Where the rootDSE
// gives no change number, AD falls back to whenChanged. DirSync is not used.
package ldapsync
