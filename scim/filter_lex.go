package scim

import (
	"encoding/json"
	"strings"
)

type tokKind int

const (
	tokEOF tokKind = iota
	tokWord
	tokString
	tokLParen
	tokRParen
	tokLBracket
	tokRBracket
)

// punctTokens are the one-byte tokens by their byte (tokEOF, zero, for
// every other byte).
var punctTokens = [256]tokKind{'(': tokLParen, ')': tokRParen, '[': tokLBracket, ']': tokRBracket}

type token struct {
	kind tokKind
	text string // word text, or the decoded string literal
}

// lex splits a SCIM filter into tokens. Words run to whitespace or a
// bracket, so bare values such as example.com or a date-time (which
// Microsoft's tests send unquoted) lex as one word.
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case punctTokens[c] != 0:
			toks = append(toks, token{kind: punctTokens[c]})
			i++
		case c == '"':
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '\\' {
					j++
					continue
				}
				if s[j] == '"' {
					break
				}
			}
			if j >= len(s) {
				return nil, badRequest(typeInvalidFilter, "unterminated string in filter")
			}
			var v string
			if err := json.Unmarshal([]byte(s[i:j+1]), &v); err != nil {
				return nil, badRequest(typeInvalidFilter, "malformed string in filter")
			}
			toks = append(toks, token{kind: tokString, text: v})
			i = j + 1
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n()[]\"", rune(s[j])) {
				j++
			}
			toks = append(toks, token{kind: tokWord, text: s[i:j]})
			i = j
		}
	}
	return append(toks, token{kind: tokEOF}), nil
}
