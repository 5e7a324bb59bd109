package model

import "testing"

// TestOutlet: one outlet for every spelling of its address, so that an
// outlet is counted once whether its article came from a file, a feed or
// the watcher.
func TestOutlet(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.lemonde.fr/international/article/2024/03/08/x.html", "lemonde.fr"},
		{"https://WWW.ElPais.com:443/a?b=c#d", "elpais.com"},
		{"http://user:pw@news.example.org/x", "news.example.org"},
		{"reuters.com/world/x", "reuters.com"},
		{"", ""},
		{"/home/me/story.txt", ""},
	} {
		if got := Outlet(tc.in); got != tc.want {
			t.Errorf("Outlet(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
