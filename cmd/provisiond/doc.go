// Command provisiond is the SCIM 2.0 provisioning server with automatic
// invitation. This package is wiring only: it parses flags, loads the
// configuration, opens the store and hands dependencies to the packages that
// do the work. Logs go to stderr; stdout carries only a command's output.
//
// The integration, admin and client subcommands turn their flags into an
// integration.Service input and print what it returns; a refused field (a
// *store.InvalidError) becomes a usage error naming the flag (refused.go).
package main
