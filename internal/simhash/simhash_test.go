package simhash

import "testing"

func TestNearDuplicates(t *testing.T) {
	base := "Le ministre russe de l'Intérieur a atterri à La Havane, accueilli par son homologue cubain. Cette arrivée marque le début d'une série d'échanges destinés à consolider la coopération entre les deux pays. Les autorités russes insistent sur l'importance de ces discussions pour affronter les menaces communes."
	edited := "Le ministre russe de l'Intérieur a atterri mardi à La Havane, accueilli par son homologue cubain. Cette arrivée marque le début d'une série d'échanges destinés à consolider la coopération entre les deux pays. Les autorités russes insistent sur l'importance de ces discussions pour affronter les menaces communes."
	other := "Brazil and the United States are seeking to deepen a partnership in energy, especially by promoting biofuels and other alternatives to oil, US Deputy Secretary of Energy Jeffrey Kupfer said here Wednesday."
	a, b, c := Fingerprint(base), Fingerprint(edited), Fingerprint(other)
	if d := Distance(a, a); d != 0 {
		t.Fatalf("distance to itself %d", d)
	}
	if d := Distance(a, b); d > 12 {
		t.Errorf("an edited copy is %d bits away; want few", d)
	}
	if d := Distance(a, c); d <= NearDuplicate {
		t.Errorf("unrelated texts only %d bits apart", d)
	}
	ba, bb := Bands(a), Bands(a)
	if ba != bb {
		t.Error("bands not deterministic")
	}
}
