// Package logging builds the process logger (slog: text on a terminal, JSON
// otherwise) and carries request-scoped attributes, such as the request id,
// in the context so that every log line of a request names it.
//
// logging must never be handed secrets: callers log ids, not tokens.
package logging
