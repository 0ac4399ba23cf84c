package invite

import (
	"slices"
	"strings"
)

// Bounds of a link's allowed domains.
const (
	MaxLinkDomains     = 50
	maxDomainLength    = 253
	maxDomainLabelSize = 63
)

// CodeDomain is the InputError code of an address outside a link's allowed domains.
const CodeDomain = "domain"

// checkDomains validates and normalises a link's allowed domains: host
// names (ASCII; internationalised ones in their xn-- form) with at least one
// dot, lower-cased, a leading "@" dropped, duplicates removed. A domain
// allows exactly itself, not its subdomains.
func checkDomains(in []string) ([]string, error) {
	var out []string
	for _, d := range in {
		d = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d), "@"))
		if d == "" || slices.Contains(out, d) {
			continue
		}
		if !validDomain(d) {
			return nil, invalidInput("allowedDomains", "%q is not a domain name such as example.com", d)
		}
		out = append(out, d)
	}
	if len(out) > MaxLinkDomains {
		return nil, invalidInput("allowedDomains", "at most %d domains", MaxLinkDomains)
	}
	return out, nil
}

func validDomain(d string) bool {
	if len(d) > maxDomainLength || !strings.Contains(d, ".") {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > maxDomainLabelSize || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				return false
			}
		}
	}
	return true
}

// domainAllowed reports whether email may sign up through a link whose
// allowed domains are allowed (space-separated; empty: any). The domain is
// what follows the last "@", compared case-insensitively.
func domainAllowed(allowed, email string) bool {
	if allowed == "" {
		return true
	}
	domain := strings.ToLower(email[strings.LastIndexByte(email, '@')+1:])
	return slices.Contains(strings.Fields(allowed), domain)
}
