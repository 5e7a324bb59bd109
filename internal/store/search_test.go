package store

import (
	"errors"
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"accents and case", "Coopération à La Havane", "cooperation a la havane"},
		{"punctuation splits words", "l'Intérieur, d'Álvarez-Casas!", "l interieur d alvarez casas"},
		{"ligatures", "Œuvre STRAßE", "oeuvre strasse"},
		{"digits kept", "G7 summit, 2024", "g7 summit 2024"},
		{"spanish", "señor Piñera", "senor pinera"},
		{"empty", " ... ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseSearch(t *testing.T) {
	tests := []struct {
		name, in  string
		fts, ts   string
		wantError bool
	}{
		{"words", "Havane ministre", `"havane" "ministre"`, "havane & ministre", false},
		{"prefix", "accus*", `"accus"*`, "accus:*", false},
		{"accents", "coopération", `"cooperation"`, "cooperation", false},
		{"operators are words", "NOT OR", `"not" "or"`, "not & or", false},
		{"quotes and colons dropped", `"a:b" c&d`, `"a" "b" "c" "d"`, "a & b & c & d", false},
		{"prefix of a split word", "al-Assa*", `"al" "assa"*`, "al & assa:*", false},
		{"no words", "!!! ...", "", "", true},
		{"short prefix", "a*", "", "", true},
		{"too many", "a b c d e f g h i", "", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := ParseSearch(tc.in)
			if tc.wantError {
				var qe *QueryError
				if !errors.Is(err, ErrBadQuery) || !errors.As(err, &qe) || qe.Field != "text" {
					t.Errorf("ParseSearch(%q) = %v, %v; want a bad query of text", tc.in, ws, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := FTS5Query(ws); got != tc.fts {
				t.Errorf("FTS5 %q, want %q", got, tc.fts)
			}
			if got := TSQuery(ws); got != tc.ts {
				t.Errorf("tsquery %q, want %q", got, tc.ts)
			}
		})
	}
}

func TestPrefixCond(t *testing.T) {
	tests := []struct {
		in   string
		cond string
		args []any
	}{
		{"RUS", "(c >= ? AND c < ?)", []any{"RUS", "RUT"}},
		{"04", "(c >= ? AND c < ?)", []any{"04", "05"}},
		{"RUSZ", "(c >= ? AND c < ?)", []any{"RUSZ", "RUS["}},
		{"É_%", "(c >= ? AND c < ?)", []any{"É_%", "É_&"}}, // a range: no wildcards
		{"A_%é", `c LIKE ? ESCAPE '\'`, []any{`A\_\%é%`}},  // ends outside ASCII: escaped LIKE
	}
	for _, tc := range tests {
		cond, args := prefixCond("c", tc.in)
		if cond != tc.cond || !slices.Equal(args, tc.args) {
			t.Errorf("prefixCond(%q) = %s %v; want %s %v", tc.in, cond, args, tc.cond, tc.args)
		}
	}
}
