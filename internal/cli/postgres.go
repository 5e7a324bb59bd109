package cli

import (
	"context"
	"fmt"

	"github.com/dyad-events/dyad/internal/store"
)

// openPostgres opens a PostgreSQL store (issue: dyad serve and shared use).
func openPostgres(ctx context.Context, url string) (store.Store, error) {
	return nil, fmt.Errorf("PostgreSQL store is not built into this version yet (got %s)", redact(url))
}

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
	for i := start; i < at; i++ {
		if u[i] == ':' {
			return u[:i+1] + "****" + u[at:]
		}
	}
	return u
}
