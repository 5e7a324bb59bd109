package coder

import (
	"strconv"
	"time"

	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/model"
	"github.com/dyad-events/dyad/internal/text"
)

// sentenceDate resolves the first date expression of the sentence against
// the publication date ("vendredi dernier", "el 3 de marzo", "last week",
// "en 2023"); without one, the event takes the publication date.
func (c *articleContext) sentenceDate(s *scratch) (string, string) {
	if d, p, ok := c.findDate(s); ok {
		return d, p
	}
	if c.pubDay == "" {
		return "", model.PrecisionUnknown
	}
	return c.pubDay, model.PrecisionDay
}

func (c *articleContext) dateWord(s *scratch, i int) (lexicon.DateWord, bool) {
	if i < 0 || i >= len(s.toks) {
		return lexicon.DateWord{}, false
	}
	w, ok := s.lex.Dates[s.ids[i]]
	if !ok || (w.Caps && !s.toks[i].Cap()) {
		return lexicon.DateWord{}, false
	}
	return w, true
}

func (c *articleContext) findDate(s *scratch) (string, string, bool) {
	pub := c.pub
	for i := range s.toks {
		w, ok := c.dateWord(s, i)
		if !ok {
			// en 2023, in 2023
			if s.toks[i].Kind == text.Number && len(s.toks[i].Text) == 4 && i > 0 {
				if pw, ok := c.dateWord(s, i-1); ok && pw.Kind == lexicon.DateYearPrep {
					if y, err := strconv.Atoi(s.toks[i].Text); err == nil && y >= 1900 && y <= 2100 {
						return strconv.Itoa(y) + "-01-01", model.PrecisionYear, true
					}
				}
			}
			continue
		}
		switch w.Kind {
		case lexicon.DateDay:
			if pub.IsZero() || s.is(i-1, lexicon.WDet) {
				continue // "la mañana del miércoles" is the morning, not tomorrow
			}
			return pub.AddDate(0, 0, w.Value).Format("2006-01-02"), model.PrecisionDay, true
		case lexicon.DateWeekday:
			if pub.IsZero() {
				continue
			}
			mod := c.modifier(s, i)
			wd := time.Weekday(w.Value % 7)
			d := pub
			switch mod {
			case lexicon.DateNext:
				d = d.AddDate(0, 0, 1)
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, 1)
				}
			case lexicon.DateLast:
				d = d.AddDate(0, 0, -1)
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, -1)
				}
			default:
				for d.Weekday() != wd {
					d = d.AddDate(0, 0, -1)
				}
			}
			return d.Format("2006-01-02"), model.PrecisionDay, true
		case lexicon.DateMonth:
			if s.lex.Lang.Code == "en" && w.Value == 5 && !s.toks[i].Cap() {
				continue // "may" the modal
			}
			day, year := c.dayAndYear(s, i)
			if year == 0 {
				if pub.IsZero() {
					continue
				}
				year = pub.Year()
				mod := c.modifier(s, i)
				if time.Month(w.Value) > pub.Month() && mod != lexicon.DateNext {
					year-- // "en juin" read in March is last June
				}
				if mod == lexicon.DateLast && time.Month(w.Value) == pub.Month() {
					year--
				}
			}
			if day > 0 {
				return time.Date(year, time.Month(w.Value), day, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), model.PrecisionDay, true
			}
			return time.Date(year, time.Month(w.Value), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), model.PrecisionMonth, true
		case lexicon.DateUnit:
			if pub.IsZero() {
				continue
			}
			mod := c.modifier(s, i)
			if mod == lexicon.DateLast {
				switch w.Value {
				case 7:
					return pub.AddDate(0, 0, -7).Format("2006-01-02"), model.PrecisionWeek, true
				case 30:
					d := pub.AddDate(0, -1, 0)
					return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), model.PrecisionMonth, true
				case 365:
					return strconv.Itoa(pub.Year()-1) + "-01-01", model.PrecisionYear, true
				}
			}
			// il y a trois jours / hace tres días / three days ago: numbers as digits only
			if i > 0 && s.toks[i-1].Kind == text.Number {
				n, err := strconv.Atoi(s.toks[i-1].Text)
				if err == nil && n < 400 {
					if aw, ok := c.dateWord(s, i-2); (ok && aw.Kind == lexicon.DateAgo) || c.isAgo(s, i+1) {
						return pub.AddDate(0, 0, -n*w.Value).Format("2006-01-02"), model.PrecisionDay, true
					}
				}
			}
		}
	}
	return "", "", false
}

func (c *articleContext) isAgo(s *scratch, i int) bool {
	w, ok := c.dateWord(s, i)
	return ok && w.Kind == lexicon.DateAgo
}

// modifier finds last/next next to a date word: "vendredi dernier", "el
// pasado viernes", "el viernes pasado", "last Friday".
func (c *articleContext) modifier(s *scratch, i int) lexicon.DateKind {
	for _, j := range []int{i + 1, i - 1, i + 2} {
		if w, ok := c.dateWord(s, j); ok && (w.Kind == lexicon.DateLast || w.Kind == lexicon.DateNext) {
			return w.Kind
		}
	}
	return 0
}

// dayAndYear reads the day and year around a month name: "3 mars 2024",
// "3 de marzo de 2024", "March 3, 2024", "1er mars".
func (c *articleContext) dayAndYear(s *scratch, i int) (day, year int) {
	num := func(j int) int {
		if j < 0 || j >= len(s.toks) {
			return 0
		}
		t := s.toks[j].Text
		n := 0
		for k := 0; k < len(t) && t[k] >= '0' && t[k] <= '9'; k++ {
			n = n*10 + int(t[k]-'0')
		}
		return n
	}
	for _, j := range []int{i - 1, i - 2} { // 3 mars, 3 de marzo
		if j == i-2 && s.fold(i-1) != "de" {
			continue
		}
		if n := num(j); n >= 1 && n <= 31 {
			day = n
			break
		}
	}
	if day == 0 && s.lex.Lang.Code == "en" {
		if n := num(i + 1); n >= 1 && n <= 31 {
			day = n
		}
	}
	for j := i + 1; j <= i+4 && j < len(s.toks); j++ {
		if n := num(j); n >= 1900 && n <= 2100 && len(s.toks[j].Text) == 4 {
			year = n
			break
		}
		if f := s.fold(j); f != "," && f != "de" && f != "del" && s.toks[j].Kind != text.Number {
			break
		}
	}
	return day, year
}
