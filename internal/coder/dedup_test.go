package coder

import (
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// TestOneEventPerSentence: a verb and its noun that say the same act ("ont
// exprimé leur solidarité") give one event, also when the source's country
// is inferred after the patterns matched.
func TestOneEventPerSentence(t *testing.T) {
	c, an := testCoder(t)
	for _, tc := range []struct{ lang, text, want string }{
		{"fr", "Cette position russe résonne à Cuba, où les autorités ont exprimé leur solidarité avec Caracas.", "051"},
		{"en", "Russia and Cuba held talks in Havana.", "046"},
	} {
		doc, err := an.Analyze(&model.Article{ID: "d", Text: tc.text, Published: time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC)}, text.Options{Lang: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		found := false
		for _, ev := range c.Code(doc, Options{}) {
			key := ev.Source.Code + ">" + tgtCode(ev.Target) + ":" + ev.Root
			seen[key]++
			if seen[key] > 1 {
				t.Errorf("%q: %s coded %d times", tc.text, key, seen[key])
			}
			if ev.Code == tc.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %s event", tc.text, tc.want)
		}
	}
}
