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
	at := -1
	for i := len(u) - 1; i >= 0; i-- {
		if u[i] == '@' {
			at = i
			break
		}
	}
	if at < 0 {
		return u
	}
	start := 0
	for i := 0; i+2 < len(u); i++ {
		if u[i:i+3] == "://" {
			start = i + 3
			break
		}
	}
	if start == 0 {
		return u // a file name, not an address
	}
	for i := start; i < at; i++ {
		if u[i] == ':' {
			return u[:i+1] + "****" + u[at:]
		}
	}
	return u
}
