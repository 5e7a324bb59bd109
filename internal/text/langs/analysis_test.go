package langs

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

func sentences(t *testing.T, a *text.Analyzer, lang, s string) []string {
	t.Helper()
	doc, err := a.Analyze(&model.Article{Text: s}, text.Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, st := range doc.Sentences {
		if st.Text != s[st.Start:st.End] {
			t.Errorf("sentence offsets [%d,%d) do not give its text %q", st.Start, st.End, st.Text)
		}
		out = append(out, st.Text)
	}
	return out
}

func TestSentences(t *testing.T) {
	a := NewAnalyzer()
	cases := []struct {
		name, lang, in string
		want           []string
	}{
		{"fr titles", "fr", "M. Dupont a rencontré Mme Martin. Ils ont parlé.", []string{"M. Dupont a rencontré Mme Martin.", "Ils ont parlé."}},
		{"fr headline without stop", "fr", "Une visite au cœur des tensions\nLe ministre est arrivé.", []string{"Une visite au cœur des tensions", "Le ministre est arrivé."}},
		{"fr quotation across sentence end", "fr", "« Nous le condamnons. C'est inacceptable. » Le ministre a quitté la salle.",
			[]string{"« Nous le condamnons.", "C'est inacceptable. »", "Le ministre a quitté la salle."}},
		{"fr p. ex.", "fr", "Des pays, p. ex. la France, ont protesté. Rien ne change.", []string{"Des pays, p. ex. la France, ont protesté.", "Rien ne change."}},
		{"fr etc. mid sentence", "fr", "Les armes, munitions, etc. ont été saisies.", []string{"Les armes, munitions, etc. ont été saisies."}},
		{"es EE. UU.", "es", "Los EE. UU. impusieron sanciones. Venezuela respondió.", []string{"Los EE. UU. impusieron sanciones.", "Venezuela respondió."}},
		{"es Sr. and Sra.", "es", "El Sr. Pérez y la Sra. Gómez llegaron. Hubo aplausos.", []string{"El Sr. Pérez y la Sra. Gómez llegaron.", "Hubo aplausos."}},
		{"es question and exclamation", "es", "¿Quién atacó? ¡Nadie lo sabe! Siguió la búsqueda.", []string{"¿Quién atacó?", "¡Nadie lo sabe!", "Siguió la búsqueda."}},
		{"en U.S. and initials", "en", "U.S. President George W. Bush met Gen. Petraeus. They spoke.", []string{"U.S. President George W. Bush met Gen. Petraeus.", "They spoke."}},
		{"en numbers", "en", "Oil rose 3.5 percent to $80.25. Markets closed.", []string{"Oil rose 3.5 percent to $80.25.", "Markets closed."}},
		{"en ellipsis lower case", "en", "He said... nothing more. Then he left.", []string{"He said... nothing more.", "Then he left."}},
		{"en wrapped line", "en", "The minister met the\nambassador on Monday.", []string{"The minister met the\nambassador on Monday."}},
		{"blank line paragraph", "en", "Talks ended\n\nTroops withdrew.", []string{"Talks ended", "Troops withdrew."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, sentences(t, a, c.lang, c.in)); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDateline(t *testing.T) {
	a := NewAnalyzer()
	cases := []struct {
		lang, in, place, agency, first string
	}{
		{"es", "BOGOTA, 11 jun (AFP) - La guerrilla atacó un puesto militar.", "Bogota", "AFP", "La guerrilla atacó un puesto militar."},
		{"en", "WASHINGTON (Reuters) - The United States imposed sanctions on Iran.", "Washington", "Reuters", "The United States imposed sanctions on Iran."},
		{"fr", "PARIS, 3 mars (AFP) — La France a condamné l'attaque.", "Paris", "AFP", "La France a condamné l'attaque."},
		{"en", "UN PLAN - a headline, not a dateline.", "", "", "UN PLAN - a headline, not a dateline."},
	}
	for _, c := range cases {
		doc, err := a.Analyze(&model.Article{Text: c.in}, text.Options{Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		place, agency := "", ""
		if doc.Dateline != nil {
			place, agency = doc.Dateline.Place, doc.Dateline.Agency
		}
		if place != c.place || agency != c.agency {
			t.Errorf("%q: dateline place %q agency %q, want %q %q", c.in, place, agency, c.place, c.agency)
		}
		if got := doc.Sentences[0].Text; got != c.first {
			t.Errorf("%q: first sentence %q, want %q (the dateline stays out of it)", c.in, got, c.first)
		}
	}
}

func tokens(t *testing.T, a *text.Analyzer, lang, s string) []string {
	doc, err := a.Analyze(&model.Article{Text: s}, text.Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tk := range doc.Tokens {
		if s[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %q offsets [%d,%d) give %q", tk.Text, tk.Start, tk.End, s[tk.Start:tk.End])
		}
		out = append(out, tk.Fold)
	}
	return out
}

func TestTokens(t *testing.T) {
	a := NewAnalyzer()
	cases := []struct {
		lang, in string
		want     []string
	}{
		{"fr", "l’ambassade d'armée qu’il s’est", []string{"l'", "ambassade", "d'", "armee", "qu'", "il", "s'", "est"}},
		{"fr", "États-Unis russo-cubaine", []string{"etats", "-", "unis", "russo", "-", "cubaine"}},
		{"fr", "aujourd'hui jusqu'à", []string{"aujourd'hui", "jusqu'", "a"}},
		{"es", "al presidente del Gobierno", []string{"a", "el", "presidente", "de", "el", "gobierno"}},
		{"en", "Russia's troops didn't withdraw", []string{"russia", "'s", "troops", "did", "n't", "withdraw"}},
		{"en", "the U.S. and EE.UU. 3.5 1,000", []string{"the", "u.s.", "and", "ee.uu.", "3.5", "1,000"}},
		{"en", "O'Brien «quoted» “text”", []string{"o'brien", "\"", "quoted", "\"", "\"", "text", "\""}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, tokens(t, a, c.lang, c.in)); diff != "" {
			t.Errorf("%s %q (-want +got):\n%s", c.lang, c.in, diff)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Élysée": "elysee", "Díaz-Canel": "diaz-canel", "l’Intérieur": "l'interieur", "Œuvre": "oeuvre",
		"Straße": "strasse", "São Paulo": "sao paulo", "Łódź": "lodz", "plain": "plain", "«»": "\"\"",
	} {
		if got := text.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuotes(t *testing.T) {
	a := NewAnalyzer()
	cases := []struct{ lang, in, quote, speaker string }{
		{"fr", "« Nous condamnons cette attaque », a déclaré le ministre russe. Puis il est parti.", "Nous condamnons cette attaque", "le ministre russe"},
		{"en", `"We will not back down," the president said on Monday.`, "We will not back down,", "the president"},
		{"es", `El canciller dijo: "No aceptaremos presiones".`, "No aceptaremos presiones", "El canciller"},
	}
	for _, c := range cases {
		doc, err := a.Analyze(&model.Article{Text: c.in}, text.Options{Lang: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Quotes) != 1 {
			t.Fatalf("%q: %d quotes, want 1", c.in, len(doc.Quotes))
		}
		q := &doc.Quotes[0]
		if got := c.in[q.Start:q.End]; got != c.quote {
			t.Errorf("%q: quote %q, want %q", c.in, got, c.quote)
		}
		if got := doc.Speaker(q); got != c.speaker {
			t.Errorf("%q: speaker %q, want %q", c.in, got, c.speaker)
		}
	}
}

func TestDetect(t *testing.T) {
	a := NewAnalyzer()
	cases := []struct{ in, hint, want, other string }{
		{"Le ministre russe de l'Intérieur a atterri à La Havane, accueilli par son homologue cubain, pour une visite de trois jours.", "", "fr", ""},
		{"El canciller cubano se reunió el viernes en Moscú con su homólogo ruso para hablar de la cooperación entre los dos países.", "", "es", ""},
		{"The Russian interior minister landed in Havana on Friday, welcomed by his Cuban counterpart for a three-day visit.", "", "en", ""},
		{"Der russische Innenminister ist am Freitag in Havanna gelandet und wurde von seinem kubanischen Amtskollegen empfangen.", "", "", "de"},
		{"O ministro russo do Interior chegou a Havana na sexta-feira e foi recebido pelo seu homólogo cubano para uma visita.", "", "", "pt"},
		{"Putin à Pékin", "fr", "fr", ""},
	}
	for _, c := range cases {
		d := a.Detect(c.in, c.hint)
		got := ""
		if d.Lang != nil {
			got = d.Lang.Code
		}
		if got != c.want || (c.other != "" && d.Other != c.other) {
			t.Errorf("%q: detected %q (other %q, by %s), want %q (other %q)", c.in[:30], got, d.Other, d.Source, c.want, c.other)
		}
	}
}

// FuzzAnalyze: any input gives sentences and tokens whose offsets are in
// bounds and ordered, and never panics.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"M. Dupont. « Oui. » Non", "BOGOTA, 11 jun (AFP) - x.", "l’a qu'il s'", "\x00\xff\xfe", "...!!??", "EE. UU. U.S. a.m.", strings.Repeat("a ", 500)} {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, s, lang string) {
		if lang != "en" && lang != "fr" && lang != "es" {
			lang = "es"
		}
		doc, err := a.Analyze(&model.Article{Text: s}, text.Options{Lang: lang})
		if err != nil {
			return
		}
		last := 0
		for _, tk := range doc.Tokens {
			if tk.Start < last || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("token %q at [%d,%d) out of order or bounds (len %d)", tk.Text, tk.Start, tk.End, len(s))
			}
			last = tk.End
		}
		for _, st := range doc.Sentences {
			if st.Start > st.End || st.End > len(s) || st.Tok1-st.Tok0 > text.MaxSentenceTokens+1 {
				t.Fatalf("sentence [%d,%d) tokens %d", st.Start, st.End, st.Tok1-st.Tok0)
			}
			if utf8.ValidString(s) && !utf8.ValidString(st.Text) {
				t.Fatalf("sentence cuts a rune: %q", st.Text)
			}
		}
	})
}

// BenchmarkAnalyze measures text analysis (tokens and sentences) per sentence.
func BenchmarkAnalyze(b *testing.B) {
	a := NewAnalyzer()
	txt := strings.Repeat("Le ministre russe de l’Intérieur a atterri à La Havane, accueilli par son homologue cubain. Cette arrivée marque le début d’une série d’échanges destinés à consolider la coopération entre les deux pays. ", 20)
	doc, _ := a.Analyze(&model.Article{Text: txt}, text.Options{Lang: "fr"})
	n := len(doc.Sentences)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := a.Analyze(&model.Article{Text: txt}, text.Options{Lang: "fr"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/sentence")
}

func TestASCIIFold(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		got, ok := text.FoldRune(r)
		want := string(r)
		if 'A' <= r && r <= 'Z' {
			want = string(r + 'a' - 'A')
		}
		if !ok || got != want {
			t.Fatalf("FoldRune(%q) = %q, want %q", r, got, want)
		}
	}
}
