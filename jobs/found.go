package jobs

import (
	"errors"

	"github.com/provisiond/provisiond/store"
)

// Found reads what a job is about, as Found(st.XByID(ctx, id)): ok is
// whether it is there. A row deleted since the job was enqueued ends the
// job (ok false, nil error: nothing left to do); another error is the
// attempt's, to retry.
func Found[T any](v T, err error) (_ T, ok bool, _ error) {
	if errors.Is(err, store.ErrNotFound) {
		return v, false, nil
	}
	return v, err == nil, err
}
