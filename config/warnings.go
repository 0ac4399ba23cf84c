package config

import (
	"net"
	"net/url"
	"strings"
)

// Warnings lists what a running server lacks that the operator should
// know about, each naming the setting to change; serve logs each once at
// start-up. None stops the server: the embedded default on loopback, with
// no SMTP, is a valid way to try the product.
func (c *Config) Warnings() []string {
	var out []string
	local := loopbackListen(c.Listen)
	u, _ := url.Parse(c.BaseURL)
	baseLocal := u != nil && isLoopbackHost(u.Hostname())
	if !local && (c.BaseURLDerived() || baseLocal) {
		out = append(out, "baseURL (PROVISIOND_BASE_URL) is "+c.BaseURL+", derived from listen "+c.Listen+
			": links in mail and pages will not reach people on other machines; set it to the public address, e.g. https://provision.example.com")
	}
	if !c.PublicHTTPS() && !baseLocal {
		out = append(out, "baseURL (PROVISIOND_BASE_URL) "+c.BaseURL+" is not https: Microsoft Entra ID and Okta only provision to a public https SCIM URL, and sign-in cookies are not Secure")
	}
	if !c.MailEnabled() {
		out = append(out, "smtpURL (PROVISIOND_SMTP_URL) is not set: nothing is mailed; admins copy each claim link from the console or 'provisiond invitation link ID'")
		return out
	}
	if c.MailFrom == "provisiond@localhost" {
		out = append(out, "mailFrom (PROVISIOND_MAIL_FROM) is the default provisiond@localhost: many mail servers refuse or junk it; set your organisation's sender address")
	}
	if c.OrgName == Default().OrgName {
		out = append(out, "orgName (PROVISIOND_ORG_NAME) is the default \"provisiond\": invitation mails and pages will name provisiond, not your organisation")
	}
	return out
}

// PublicHTTPS reports whether the base URL is an https address other
// machines can reach (not loopback): Microsoft Entra ID and Okta only
// provision to such a SCIM URL.
func (c *Config) PublicHTTPS() bool {
	u, err := url.Parse(c.BaseURL)
	return err == nil && u.Scheme == "https" && u.Hostname() != "" && !isLoopbackHost(u.Hostname())
}

// loopbackListen reports whether listen only accepts local connections.
func loopbackListen(listen string) bool {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	return isLoopbackHost(host)
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
