package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/postgres"
)

// openPostgres opens the PostgreSQL store at a postgres:// address.
func openPostgres(ctx context.Context, url string) (store.Store, error) {
	st, err := postgres.Open(ctx, url, store.DefaultMergeOptions(), postgres.DefaultOptions())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", redact(url), redactedError{err, url})
	}
	return st, nil
}

// redactedError hides the database address's password should the driver
// quote the address in an error.
type redactedError struct {
	err error
	url string
}

func (e redactedError) Error() string { return strings.ReplaceAll(e.err.Error(), e.url, redact(e.url)) }
func (e redactedError) Unwrap() error { return e.err }

// redact hides a password in a database address.
func redact(u string) string {
	at := strings.LastIndexByte(u, '@')
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 || scheme+3 > at {
		return u // no user, or a file name rather than an address
	}
	userinfo := u[scheme+3 : at]
	if i := strings.IndexByte(userinfo, ':'); i >= 0 {
		return u[:scheme+3+i+1] + "****" + u[at:]
	}
	return u
}
