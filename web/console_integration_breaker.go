package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/provisiond/provisiond/integration"
	"github.com/provisiond/provisiond/store"
)

// breakerForm is the integration page's breaker settings form, as typed:
// the window in minutes (the API's windowSeconds / 60).
type breakerForm struct {
	Enabled                       bool
	Percent, Min, WindowMinutes   string
	PercentBad, MinBad, WindowBad bool
}

func breakerFormOf(b store.BreakerSettings) breakerForm {
	return breakerForm{Enabled: b.Enabled, Percent: strconv.Itoa(b.Percent), Min: strconv.Itoa(b.Min),
		WindowMinutes: strconv.Itoa(b.WindowSeconds / 60)}
}

// maxBreakerMinutes is store.MaxBreakerWindow in minutes (7 days).
const maxBreakerMinutes = int(store.MaxBreakerWindow / 60e9)

// integrationBreakerSave: POST /admin/integrations/{id}/breaker sets the
// breaker on mass deprovisioning (enabled, percent, min, windowMinutes)
// through integration.Service.SetBreaker, as PATCH .../breaker does. A
// refused form comes back as typed, each bad field marked, nothing saved.
func (s *Server) integrationBreakerSave(w http.ResponseWriter, r *http.Request) {
	f := breakerForm{Enabled: r.PostFormValue("breakerEnabled") == "true",
		Percent: strings.TrimSpace(r.PostFormValue("breakerPercent")), Min: strings.TrimSpace(r.PostFormValue("breakerMin")),
		WindowMinutes: strings.TrimSpace(r.PostFormValue("breakerWindow"))}
	percent, err1 := strconv.Atoi(f.Percent)
	minimum, err2 := strconv.Atoi(f.Min)
	minutes, err3 := strconv.Atoi(f.WindowMinutes)
	f.PercentBad = err1 != nil || percent < 1 || percent > 100
	f.MinBad = err2 != nil || minimum < 1
	f.WindowBad = err3 != nil || minutes < 1 || minutes > maxBreakerMinutes
	if f.PercentBad || f.MinBad || f.WindowBad {
		s.renderIntegration(w, r, http.StatusBadRequest, &f, translate(consoleLang(r), "breaker.err.settings", maxBreakerMinutes/1440))
		return
	}
	window := minutes * 60
	_, err := s.Integrations.SetBreaker(r.Context(), actor(r), r.PathValue("id"), integration.BreakerInput{
		Enabled: &f.Enabled, Percent: &percent, Min: &minimum, WindowSeconds: &window})
	if _, ok := store.AsInvalid(err); ok {
		s.renderIntegration(w, r, http.StatusBadRequest, &f, translate(consoleLang(r), "breaker.err.settings", maxBreakerMinutes/1440))
		return
	}
	if err != nil {
		s.integrationFormError(w, r, err)
		return
	}
	redirectDone(w, r, "/admin/integrations/"+r.PathValue("id")+"#breaker", "saved")
}
