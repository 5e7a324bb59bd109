package export

import (
	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/model"
)

// actorParts is a CAMEO actor code broken out as GDELT's actor columns do.
type actorParts struct {
	Code       string
	Name       string
	Country    string // CAMEO country (or region) code; "" for organisations
	KnownGroup string // the body of an IGO, NGO, IMG or MNC code: UNO, NAT, EEC, AMN...
	Types      [3]string
}

// isOrgPrefix reports whether a code's first three letters make it an
// organisation rather than a country's actor.
func isOrgPrefix(s string) bool {
	switch s {
	case "IGO", "NGO", "IMG", "MNC", "NGM":
		return true
	}
	return false
}

// isRegion reports whether a segment is one of the region codes dyad's
// organisation codes put between the organisation type and the body
// (lexicon/data/orgcodes.tsv), as in IGO-WST-NAT (NATO).
func isRegion(s string) bool {
	switch s {
	case "EUR", "WST", "AFR", "WAF", "SAF", "EAF", "CFR", "ARB", "PGS", "AMR", "LAM", "SAM", "CAM", "CRB",
		"SEA", "ASA", "EEU", "NAF", "MEA", "SAS", "CAS", "CAU", "CEU", "BLK", "MDT", "NMR", "SCN", "WEU":
		return true
	}
	return false
}

// segments splits a code into its three-letter parts; a short tail is dropped.
func segments(code string) []string {
	var out []string
	for i := 0; i+3 <= len(code); i += 3 {
		out = append(out, code[i:i+3])
	}
	return out
}

// splitActor breaks an actor out into GDELT's actor columns:
//   - a country actor (RUSGOV): Country from the actor's country, then up to
//     three CAMEO type codes from the segments that follow (GOV);
//   - an organisation (IGOUNOHCR, IGOWSTNAT, NGOAMN): no country, the
//     organisation type as the first type code (IGO), and the first segment
//     after it that is not a region as the known group (UNO, NAT, AMN);
//   - a bare sector (REB): no country, the type codes only.
//
// Ethnic and religion codes stay empty: dyad's lexicon does not code them.
func splitActor(a *model.Actor) actorParts {
	p := actorParts{Code: a.Code, Name: a.Name}
	segs := segments(a.Code)
	if len(segs) == 0 {
		return p
	}
	rest := segs
	switch {
	case isOrgPrefix(segs[0]):
		rest = segs[1:]
		for i, s := range rest {
			if !isRegion(s) || i == len(rest)-1 {
				p.KnownGroup = s
				rest = rest[i+1:]
				break
			}
		}
		rest = append([]string{segs[0]}, rest...)
	case a.Country != "" && segs[0] == a.Country:
		p.Country = a.Country
		rest = segs[1:]
	case a.Country != "" && !isOrgPrefix(a.Country):
		p.Country = a.Country
	}
	n := 0
	for _, s := range rest {
		if n < len(p.Types) && cameo.IsAgent(s) {
			p.Types[n] = s
			n++
		}
	}
	if p.Name == "" && p.Country != "" && a.Code == a.Country {
		// a bare country actor: GDELT names it by the country
		p.Name = countries[p.Country].Name
	}
	return p
}
