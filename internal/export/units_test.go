package export

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dyad-events/dyad/internal/model"
)

func TestGlobalEventID(t *testing.T) {
	for _, c := range []struct {
		id   string
		want int64
	}{
		{"0000000000000abc", 0xabc},
		{"8000000000000001", 1}, // the top bit is cleared
		{"ffffffffffffffff", 1<<63 - 1},
		{"7fffffffffffffff", 1<<63 - 1},
		{"cdd0b4ecd880498d", 0x4dd0b4ecd880498d},
	} {
		if got := GlobalEventID(c.id); got != c.want {
			t.Errorf("GlobalEventID(%q) = %d, want %d", c.id, got, c.want)
		}
	}
	// ids that are not 16 hex digits are hashed with FNV-1a: positive and stable
	for _, id := range []string{"", "event-1", "CDD0B4ECD880498Z", "0123456789abcdef0"} {
		if got := GlobalEventID(id); got < 0 {
			t.Errorf("GlobalEventID(%q) = %d", id, got)
		}
	}
	if got, want := GlobalEventID(""), int64(0xcbf29ce484222325&(1<<63-1)); got != want {
		t.Errorf("GlobalEventID(\"\") = %#x, want FNV-1a's offset basis with the top bit cleared, %#x", got, want)
	}
	if GlobalEventID("event-1") == GlobalEventID("event-2") {
		t.Error("two ids, one number")
	}
}

func TestFIPSTable(t *testing.T) {
	m, err := parseCountries(fipsTSV)
	if err != nil {
		t.Fatal(err)
	}
	for iso3, fips := range map[string]string{
		"RUS": "RS", "GBR": "UK", "DEU": "GM", "CHN": "CH", "ISR": "IS", "USA": "US", "CUB": "CU", "SSD": "OD",
		"XKX": "KV", "KSV": "KV", "ESP": "SP", "AUS": "AS", "AUT": "AU", "SRB": "RI", "MNE": "MJ", "COL": "CO",
		"SYR": "SY", "FRA": "FR", "VEN": "VE", "PSE": "WE", "COD": "CG", "COG": "CF", "ALA": "", "BES": "", "UMI": "",
	} {
		if got := FIPS(iso3); got != fips {
			t.Errorf("FIPS(%s) = %q, want %q", iso3, got, fips)
		}
	}
	// every FIPS code names one country (Kosovo has two alpha-3 codes)
	seen := map[string]string{}
	for _, c := range m {
		if c.FIPS == "" || c.ISO2 == "XK" {
			continue
		}
		if other, dup := seen[c.FIPS]; dup {
			t.Errorf("FIPS %s for both %s and %s", c.FIPS, other, c.ISO3)
		}
		seen[c.FIPS] = c.ISO3
	}
	// every country and territory dyad's lexicon knows is in the table, with the same alpha-2 code
	b, err := os.ReadFile("../lexicon/data/countrycodes.tsv")
	if err != nil {
		t.Skipf("no lexicon country table: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) < 4 || f[3] == "region" {
			continue
		}
		c, ok := m[f[2]]
		if !ok {
			t.Errorf("%s (%s) missing from data/fips.tsv", f[2], f[0])
			continue
		}
		if c.ISO2 != f[1] || c.FIPS == "" {
			t.Errorf("%s: alpha-2 %q FIPS %q, lexicon says alpha-2 %q", f[2], c.ISO2, c.FIPS, f[1])
		}
		if f[0] != f[2] && FIPS(f[0]) != c.FIPS {
			t.Errorf("CAMEO code %s: FIPS %q, want %q as for %s", f[0], FIPS(f[0]), c.FIPS, f[2])
		}
	}
	for _, bad := range []string{"RUS\tRU\tRS", "RU\tRU\tRS\tRussia", "RUS\tRU\tRS\tRussia\nRUS\tRU\tRS\tRussia"} {
		if _, err := parseCountries(bad); err == nil {
			t.Errorf("parseCountries(%q): no error", bad)
		}
	}
}

func TestSplitActor(t *testing.T) {
	for _, c := range []struct {
		name string
		a    model.Actor
		want actorParts
	}{
		{"country", model.Actor{Code: "RUS", Country: "RUS"}, actorParts{Code: "RUS", Name: "Russia", Country: "RUS"}},
		{"government", model.Actor{Code: "RUSGOV", Country: "RUS", Agent: "GOV", Name: "Vladimir Kolokoltsev"},
			actorParts{Code: "RUSGOV", Name: "Vladimir Kolokoltsev", Country: "RUS", Types: [3]string{"GOV"}}},
		{"two types", model.Actor{Code: "USAMILREB", Country: "USA", Agent: "MIL"},
			actorParts{Code: "USAMILREB", Country: "USA", Types: [3]string{"MIL", "REB"}}},
		{"UN agency", model.Actor{Code: "IGOUNOHCR", Country: "IGO"},
			actorParts{Code: "IGOUNOHCR", KnownGroup: "UNO", Types: [3]string{"IGO"}}},
		{"regional body", model.Actor{Code: "IGOWSTNAT", Country: "IGO"},
			actorParts{Code: "IGOWSTNAT", KnownGroup: "NAT", Types: [3]string{"IGO"}}},
		{"EU organ", model.Actor{Code: "IGOEUREECCOM", Country: "IGO"},
			actorParts{Code: "IGOEUREECCOM", KnownGroup: "EEC", Types: [3]string{"IGO"}}},
		{"NGO", model.Actor{Code: "NGOAMN", Country: "NGO"}, actorParts{Code: "NGOAMN", KnownGroup: "AMN", Types: [3]string{"NGO"}}},
		{"bare sector", model.Actor{Code: "REB", Agent: "REB"}, actorParts{Code: "REB", Types: [3]string{"REB"}}},
		{"region", model.Actor{Code: "AFR", Country: "AFR"}, actorParts{Code: "AFR", Country: "AFR"}},
		{"empty", model.Actor{}, actorParts{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, splitActor(&c.a)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPloverSector(t *testing.T) {
	for in, want := range map[string]string{"GOV": "GOV", "MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB",
		"HRI": "SOC", "MOD": "", "IGO": "", "": "", "CVL": "CVL", "UAF": "UAF"} {
		if got := ploverSector(in); got != want {
			t.Errorf("ploverSector(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]int{"CONSULT": 1, "AID": 2, "ACCUSE": 3, "SANCTION": 4, "ASSAULT": 4, "": 0} {
		if got := ploverQuad(in); got != want {
			t.Errorf("ploverQuad(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestDateFields(t *testing.T) {
	for date, want := range map[string][4]string{
		"2024-03-08": {"20240308", "202403", "2024", "2024.2685"}, // (3*30+8)/365
		"2015-02-18": {"20150218", "201502", "2015", "2015.2137"},
		"2024-12-31": {"20241231", "202412", "2024", "2025.0712"}, // the codebook's approximation passes 1 in late December
		"":           {},
		"2024-03":    {},
	} {
		if got := dateFields(date); got != want {
			t.Errorf("dateFields(%q) = %q, want %q", date, got, want)
		}
	}
}

func TestGDELTGeo(t *testing.T) {
	for _, c := range []struct {
		name string
		l    *model.Location
		want [8]string
	}{
		{"none", nil, [8]string{"0"}},
		{"country", &model.Location{Name: "Allemagne", Country: "DEU"}, [8]string{"1", "Germany", "GM", "GM", "", "", "", "GM"}},
		{"world city", &model.Location{Name: "Moscou", Country: "RUS", Admin1: "Moscow", Lat: 55.75222, Lon: 37.61556, GeonameID: 524901},
			[8]string{"4", "Moscou, Moscow, Russia", "RS", "", "", "55.75222", "37.61556", "524901"}},
		{"US city", &model.Location{Name: "Miami", Country: "USA", Admin1: "Florida", Lat: 25.77427, Lon: -80.19366, GeonameID: 4164138},
			[8]string{"3", "Miami, Florida, United States", "US", "", "", "25.77427", "-80.19366", "4164138"}},
		{"no FIPS", &model.Location{Name: "Mariehamn", Country: "ALA", Lat: 60.09726, Lon: 19.93481, GeonameID: 3041732},
			[8]string{"4", "Mariehamn, Aland Islands", "", "", "", "60.09726", "19.93481", "3041732"}},
	} {
		if got := gdeltGeo(c.l); got != c.want {
			t.Errorf("%s: gdeltGeo = %q, want %q", c.name, got, c.want)
		}
	}
	if got := tsvField("a\tb\nc\rd"); got != "a b c d" {
		t.Errorf("tsvField = %q", got)
	}
}
