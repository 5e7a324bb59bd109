// Package bench measures dyad end to end: it generates synthetic news
// articles in English, French and Spanish that the coder finds events in,
// and ingests them through the real pipeline into a store. Its benchmarks
// give the figures in docs/PERFORMANCE.md.
package bench

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/model"
)

// country holds the forms the sentence templates need, per language.
type country struct {
	code string
	// English: name, demonym, capital
	en [3]string
	// French: subject ("La France"), object ("la France"), "de" form, "à"
	// form, masculine and feminine demonym, capital, capital after "à"
	fr [8]string
	// Spanish: name, masculine and feminine demonym, capital
	es [4]string
}

// countries are singular-named countries every lexicon knows (plural names
// such as the United States would need verb agreement in the templates).
var countries = [...]country{
	{"RUS", [3]string{"Russia", "Russian", "Moscow"}, [8]string{"La Russie", "la Russie", "de la Russie", "à la Russie", "russe", "russe", "Moscou", "à Moscou"}, [4]string{"Rusia", "ruso", "rusa", "Moscú"}},
	{"CUB", [3]string{"Cuba", "Cuban", "Havana"}, [8]string{"Cuba", "Cuba", "de Cuba", "à Cuba", "cubain", "cubaine", "La Havane", "à La Havane"}, [4]string{"Cuba", "cubano", "cubana", "La Habana"}},
	{"CHN", [3]string{"China", "Chinese", "Beijing"}, [8]string{"La Chine", "la Chine", "de la Chine", "à la Chine", "chinois", "chinoise", "Pékin", "à Pékin"}, [4]string{"China", "chino", "china", "Pekín"}},
	{"FRA", [3]string{"France", "French", "Paris"}, [8]string{"La France", "la France", "de la France", "à la France", "français", "française", "Paris", "à Paris"}, [4]string{"Francia", "francés", "francesa", "París"}},
	{"DEU", [3]string{"Germany", "German", "Berlin"}, [8]string{"L'Allemagne", "l'Allemagne", "de l'Allemagne", "à l'Allemagne", "allemand", "allemande", "Berlin", "à Berlin"}, [4]string{"Alemania", "alemán", "alemana", "Berlín"}},
	{"ESP", [3]string{"Spain", "Spanish", "Madrid"}, [8]string{"L'Espagne", "l'Espagne", "de l'Espagne", "à l'Espagne", "espagnol", "espagnole", "Madrid", "à Madrid"}, [4]string{"España", "español", "española", "Madrid"}},
	{"MEX", [3]string{"Mexico", "Mexican", "Mexico City"}, [8]string{"Le Mexique", "le Mexique", "du Mexique", "au Mexique", "mexicain", "mexicaine", "Mexico", "à Mexico"}, [4]string{"México", "mexicano", "mexicana", "Ciudad de México"}},
	{"BRA", [3]string{"Brazil", "Brazilian", "Brasilia"}, [8]string{"Le Brésil", "le Brésil", "du Brésil", "au Brésil", "brésilien", "brésilienne", "Brasilia", "à Brasilia"}, [4]string{"Brasil", "brasileño", "brasileña", "Brasilia"}},
	{"COL", [3]string{"Colombia", "Colombian", "Bogota"}, [8]string{"La Colombie", "la Colombie", "de la Colombie", "à la Colombie", "colombien", "colombienne", "Bogota", "à Bogota"}, [4]string{"Colombia", "colombiano", "colombiana", "Bogotá"}},
	{"VEN", [3]string{"Venezuela", "Venezuelan", "Caracas"}, [8]string{"Le Venezuela", "le Venezuela", "du Venezuela", "au Venezuela", "vénézuélien", "vénézuélienne", "Caracas", "à Caracas"}, [4]string{"Venezuela", "venezolano", "venezolana", "Caracas"}},
	{"IRN", [3]string{"Iran", "Iranian", "Tehran"}, [8]string{"L'Iran", "l'Iran", "de l'Iran", "à l'Iran", "iranien", "iranienne", "Téhéran", "à Téhéran"}, [4]string{"Irán", "iraní", "iraní", "Teherán"}},
	{"ISR", [3]string{"Israel", "Israeli", "Jerusalem"}, [8]string{"Israël", "Israël", "d'Israël", "à Israël", "israélien", "israélienne", "Jérusalem", "à Jérusalem"}, [4]string{"Israel", "israelí", "israelí", "Jerusalén"}},
	{"JPN", [3]string{"Japan", "Japanese", "Tokyo"}, [8]string{"Le Japon", "le Japon", "du Japon", "au Japon", "japonais", "japonaise", "Tokyo", "à Tokyo"}, [4]string{"Japón", "japonés", "japonesa", "Tokio"}},
	{"POL", [3]string{"Poland", "Polish", "Warsaw"}, [8]string{"La Pologne", "la Pologne", "de la Pologne", "à la Pologne", "polonais", "polonaise", "Varsovie", "à Varsovie"}, [4]string{"Polonia", "polaco", "polaca", "Varsovia"}},
	{"KEN", [3]string{"Kenya", "Kenyan", "Nairobi"}, [8]string{"Le Kenya", "le Kenya", "du Kenya", "au Kenya", "kényan", "kényane", "Nairobi", "à Nairobi"}, [4]string{"Kenia", "keniano", "keniana", "Nairobi"}},
	{"UKR", [3]string{"Ukraine", "Ukrainian", "Kyiv"}, [8]string{"L'Ukraine", "l'Ukraine", "de l'Ukraine", "à l'Ukraine", "ukrainien", "ukrainienne", "Kiev", "à Kiev"}, [4]string{"Ucrania", "ucraniano", "ucraniana", "Kiev"}},
	{"TUR", [3]string{"Turkey", "Turkish", "Ankara"}, [8]string{"La Turquie", "la Turquie", "de la Turquie", "à la Turquie", "turc", "turque", "Ankara", "à Ankara"}, [4]string{"Turquía", "turco", "turca", "Ankara"}},
	{"EGY", [3]string{"Egypt", "Egyptian", "Cairo"}, [8]string{"L'Égypte", "l'Égypte", "de l'Égypte", "à l'Égypte", "égyptien", "égyptienne", "Le Caire", "au Caire"}, [4]string{"Egipto", "egipcio", "egipcia", "El Cairo"}},
	{"IND", [3]string{"India", "Indian", "New Delhi"}, [8]string{"L'Inde", "l'Inde", "de l'Inde", "à l'Inde", "indien", "indienne", "New Delhi", "à New Delhi"}, [4]string{"India", "indio", "india", "Nueva Delhi"}},
	{"ITA", [3]string{"Italy", "Italian", "Rome"}, [8]string{"L'Italie", "l'Italie", "de l'Italie", "à l'Italie", "italien", "italienne", "Rome", "à Rome"}, [4]string{"Italia", "italiano", "italiana", "Roma"}},
	{"PER", [3]string{"Peru", "Peruvian", "Lima"}, [8]string{"Le Pérou", "le Pérou", "du Pérou", "au Pérou", "péruvien", "péruvienne", "Lima", "à Lima"}, [4]string{"Perú", "peruano", "peruana", "Lima"}},
	{"CHL", [3]string{"Chile", "Chilean", "Santiago"}, [8]string{"Le Chili", "le Chili", "du Chili", "au Chili", "chilien", "chilienne", "Santiago", "à Santiago"}, [4]string{"Chile", "chileno", "chilena", "Santiago"}},
}

var (
	daysEN = [...]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	daysFR = [...]string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
	daysES = [...]string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"}
)

// slots are what a template fills in: two countries, a day and a number.
type slots struct {
	a, b *country
	day  int
	n    int
}

type template func(s *slots) string

// Event templates: each is a sentence dyad's coder codes (checked by
// TestGeneratedArticlesCode), with a source a and usually a target b.
var eventTemplates = map[string][]template{
	"en": {
		func(s *slots) string { return s.a.en[0] + " condemned the attack on the embassy of " + s.b.en[0] + "." },
		func(s *slots) string { return s.a.en[0] + " threatened " + s.b.en[0] + " with retaliation." },
		func(s *slots) string { return s.a.en[0] + " praised " + s.b.en[0] + " for its support." },
		func(s *slots) string { return s.a.en[0] + " imposed sanctions on " + s.b.en[0] + "." },
		func(s *slots) string {
			return s.a.en[0] + " accused " + s.b.en[0] + " of violating the border agreement."
		},
		func(s *slots) string { return s.a.en[0] + " signed a trade agreement with " + s.b.en[0] + "." },
		func(s *slots) string {
			return s.a.en[1] + " police arrested " + strconv.Itoa(s.n) + " protesters in " + s.a.en[2] + " on " + daysEN[s.day] + "."
		},
		func(s *slots) string {
			return s.a.en[1] + " forces shelled " + s.b.en[1] + " positions near the border."
		},
		func(s *slots) string {
			return s.a.en[0] + " and " + s.b.en[0] + " held talks in " + s.a.en[2] + " on " + daysEN[s.day] + "."
		},
	},
	"fr": {
		func(s *slots) string {
			return s.a.fr[0] + " a condamné l'attaque contre l'ambassade " + s.b.fr[2] + "."
		},
		func(s *slots) string { return s.a.fr[0] + " a menacé " + s.b.fr[1] + " de représailles." },
		func(s *slots) string { return s.a.fr[0] + " a salué le soutien " + s.b.fr[2] + "." },
		func(s *slots) string {
			return s.a.fr[0] + " a accusé " + s.b.fr[1] + " de violer l'accord frontalier."
		},
		func(s *slots) string { return s.a.fr[0] + " a signé un accord commercial avec " + s.b.fr[1] + "." },
		func(s *slots) string {
			return "La police " + s.a.fr[5] + " a arrêté " + strconv.Itoa(s.n) + " manifestants " + s.a.fr[7] + " " + daysFR[s.day] + "."
		},
		func(s *slots) string {
			return "Le gouvernement " + s.a.fr[4] + " a rejeté la proposition " + s.b.fr[2] + "."
		},
		func(s *slots) string {
			return "Le ministre " + s.a.fr[4] + " des Affaires étrangères s'est rendu " + s.b.fr[7] + " " + daysFR[s.day] + "."
		},
		func(s *slots) string {
			return "Le président " + s.a.fr[4] + " a rencontré le président " + s.b.fr[4] + " " + s.a.fr[7] + " " + daysFR[s.day] + "."
		},
	},
	"es": {
		func(s *slots) string {
			return s.a.es[0] + " condenó el ataque contra la embajada de " + s.b.es[0] + "."
		},
		func(s *slots) string { return s.a.es[0] + " amenazó a " + s.b.es[0] + " con represalias." },
		func(s *slots) string { return s.a.es[0] + " elogió el apoyo de " + s.b.es[0] + "." },
		func(s *slots) string {
			return s.a.es[0] + " acusó a " + s.b.es[0] + " de violar el acuerdo fronterizo."
		},
		func(s *slots) string { return s.a.es[0] + " firmó un acuerdo comercial con " + s.b.es[0] + "." },
		func(s *slots) string {
			return "La policía " + s.a.es[2] + " detuvo a " + strconv.Itoa(s.n) + " manifestantes en " + s.a.es[3] + " el " + daysES[s.day] + "."
		},
		func(s *slots) string {
			return "El Gobierno de " + s.a.es[0] + " rechazó la propuesta de " + s.b.es[0] + "."
		},
		func(s *slots) string {
			return "El ministro " + s.a.es[1] + " de Exteriores viajó a " + s.b.es[3] + " el " + daysES[s.day] + "."
		},
		func(s *slots) string {
			return "El presidente " + s.a.es[1] + " se reunió con el presidente " + s.b.es[1] + " en " + s.a.es[3] + " el " + daysES[s.day] + "."
		},
	},
}

// Filler templates: background sentences with no event.
var fillerTemplates = map[string][]template{
	"en": {
		func(s *slots) string { return "Officials said " + strconv.Itoa(s.n) + " people took part." },
		func(s *slots) string { return "The talks lasted " + strconv.Itoa(s.n%9+2) + " hours." },
		func(s *slots) string { return "Analysts expect further developments in the coming weeks." },
		func(s *slots) string { return "Markets in " + s.a.en[2] + " were calm on " + daysEN[s.day] + "." },
		func(s *slots) string { return "The statement was published on the ministry's website." },
	},
	"fr": {
		func(s *slots) string {
			return "Selon les autorités, " + strconv.Itoa(s.n) + " personnes étaient présentes."
		},
		func(s *slots) string { return "Les discussions ont duré " + strconv.Itoa(s.n%9+2) + " heures." },
		func(s *slots) string {
			return "Les analystes attendent de nouveaux développements dans les prochaines semaines."
		},
		func(s *slots) string {
			return "Les marchés sont restés calmes " + s.a.fr[7] + " " + daysFR[s.day] + "."
		},
		func(s *slots) string { return "Le communiqué a été publié sur le site du ministère." },
	},
	"es": {
		func(s *slots) string { return "Según las autoridades, " + strconv.Itoa(s.n) + " personas asistieron." },
		func(s *slots) string { return "Las conversaciones duraron " + strconv.Itoa(s.n%9+2) + " horas." },
		func(s *slots) string { return "Los analistas esperan nuevos acontecimientos en las próximas semanas." },
		func(s *slots) string {
			return "Los mercados de " + s.a.es[3] + " estuvieron tranquilos el " + daysES[s.day] + "."
		},
		func(s *slots) string { return "El comunicado se publicó en el sitio web del ministerio." },
	},
}

// languages are the languages the generator writes, in the order it cycles through them.
var languages = [...]string{"en", "fr", "es"}

// Generator makes synthetic articles. Article(i) depends only on the seed
// and i, so articles can be made in any order, concurrently, and again.
type Generator struct {
	// Seed selects the corpus.
	Seed uint64
	// Start is the earliest publication date; articles spread over Days days.
	Start time.Time
	Days  int
}

// NewGenerator returns a generator of articles published over 2024.
func NewGenerator(seed uint64) *Generator {
	return &Generator{Seed: seed, Start: time.Date(2024, 1, 1, 6, 0, 0, 0, time.UTC), Days: 366}
}

// Article returns the i-th article: four to seven sentences in one
// language (English, French, Spanish in turn), each an event template
// (two in three) or background, over two paragraphs, from one of 25 outlets.
func (g *Generator) Article(i int) *model.Article {
	r := rand.New(rand.NewPCG(g.Seed, uint64(i)))
	lang := languages[i%len(languages)]
	pub := g.Start.Add(time.Duration(r.IntN(g.Days*24*60)) * time.Minute)
	var b strings.Builder
	n := 4 + r.IntN(4)
	for k := range n {
		s := &slots{a: &countries[r.IntN(len(countries))], day: r.IntN(7), n: 2 + r.IntN(4000)}
		s.b = &countries[r.IntN(len(countries))]
		for s.b == s.a {
			s.b = &countries[r.IntN(len(countries))]
		}
		var t template
		if r.IntN(3) < 2 {
			ts := eventTemplates[lang]
			t = ts[r.IntN(len(ts))]
		} else {
			ts := fillerTemplates[lang]
			t = ts[r.IntN(len(ts))]
		}
		if k > 0 {
			if k == n/2 {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(t(s))
	}
	outlet := r.IntN(25)
	return &model.Article{
		ID:        fmt.Sprintf("bench-%d-%d", g.Seed, i),
		URL:       fmt.Sprintf("https://news%d.example/%s/%d", outlet, lang, i),
		Source:    fmt.Sprintf("news%d.example", outlet),
		Lang:      lang,
		Published: pub,
		Text:      b.String(),
		Origin:    fmt.Sprintf("bench:%d", i),
	}
}
