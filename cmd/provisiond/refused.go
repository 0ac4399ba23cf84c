package main

import "github.com/provisiond/provisiond/store"

// refused turns input the services refused (a *store.InvalidError) into a
// usage error that names the flag which set the field, as in "--name must
// be ..."; other errors pass unchanged.
func refused(err error, flags map[string]string) error {
	e, ok := store.AsInvalid(err)
	if !ok {
		return err
	}
	if f, ok := flags[e.Field]; ok {
		return usagef("%s %s", f, e.Reason)
	}
	return usagef("%s", e)
}
