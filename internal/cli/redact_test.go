package cli

import "testing"

// TestRedact: a database address shown to the user never holds its
// password; file names, even with ':' or '@', are shown as they are.
func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://dyad:s3cret@db.internal:5432/dyad", "postgres://dyad:****@db.internal:5432/dyad"},
		{"postgresql://dyad:p@ss@db/dyad?sslmode=disable", "postgresql://dyad:****@db/dyad?sslmode=disable"},
		{"postgres://dyad@db.internal/dyad", "postgres://dyad@db.internal/dyad"},
		{"postgres://db.internal/dyad", "postgres://db.internal/dyad"},
		{"/home/a:b@c/dyad.db", "/home/a:b@c/dyad.db"},
		{"dyad.db", "dyad.db"},
	} {
		if got := redact(tc.in); got != tc.want {
			t.Errorf("redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
