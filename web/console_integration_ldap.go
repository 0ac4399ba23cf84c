package web

import (
	"context"
	"net/http"
	"time"

	"github.com/provisiond/provisiond/ldapsync"
)

// integrationTestPage: POST /admin/integrations/{id}/test connects and binds
// to the integration's directory and says whether that worked.
func (s *Server) integrationTestPage(w http.ResponseWriter, r *http.Request) {
	in, err := s.Store.IntegrationByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.integrationFormError(w, r, err)
		return
	}
	cfg, err := s.Directory.DialConfig(in)
	if err == nil {
		ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
		defer cancel()
		conn, derr := ldapsync.Dial(ctx, cfg, s.Log)
		if derr == nil {
			conn.Close()
		}
		err = derr
	}
	if err != nil {
		// An admin needs the reason (bind refused, certificate, timeout); it names no secret.
		s.Log.InfoContext(r.Context(), "ldap test connection failed", "integration", in.ID, "err", err)
		d := s.newConsole(r, "integrations", integrationView{Integration: *in, SCIMURL: s.Config.BaseURL + "/scim/v2",
			PermissionBoxes: permissionBoxes(in), LDAPYAML: ldapConfigYAML(in), LDAPPasswordSet: in.LDAPBindPassword != nil})
		d.Error = translate(d.Lang, "ldap.test.failed") + " " + err.Error()
		s.renderConsole(w, r, http.StatusOK, "integration", d)
		return
	}
	redirectDone(w, r, "/admin/integrations/"+in.ID, "ldap_ok")
}
