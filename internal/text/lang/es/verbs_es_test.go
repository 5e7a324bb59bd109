package es

import (
	"testing"

	"github.com/dyad-events/dyad/internal/text"
)

func TestVerbForms(t *testing.T) {
	m := newMorph()
	cases := []struct {
		lemma string
		want  []string
		tag   uint8
	}{
		{"visitar", []string{"visita", "visito", "visitaron", "visitara", "visitaba"}, text.VerbFin},
		{"visitar", []string{"visitado", "visitada"}, text.VerbPP},
		{"recibir", []string{"recibe", "recibio", "recibieron", "recibira"}, text.VerbFin},
		{"recibir", []string{"recibido", "recibidos"}, text.VerbPP},
		{"mantener", []string{"mantiene", "mantuvo", "mantienen"}, text.VerbFin},
		{"imponer", []string{"impuso", "impone"}, text.VerbFin},
		{"imponer", []string{"impuesto", "impuestas"}, text.VerbPP},
		{"producir", []string{"produjo", "produce"}, text.VerbFin},
		{"destruir", []string{"destruye", "destruyeron", "destruyo"}, text.VerbFin},
		{"defender", []string{"defiende", "defienden", "defendio"}, text.VerbFin},
		{"reforzar", []string{"refuerza", "reforzo", "reforce"}, text.VerbFin},
		{"pedir", []string{"pide", "pidio", "pidieron"}, text.VerbFin},
		{"atacar", []string{"ataco", "ataque", "atacaron"}, text.VerbFin},
		{"leer", []string{"leyendo"}, text.VerbGer},
		{"morir", []string{"murio", "muere"}, text.VerbFin},
		{"morir", []string{"muerto", "muertos"}, text.VerbPP},
		{"intervenir", []string{"intervino", "interviene"}, text.VerbFin},
		{"describir", []string{"descrito"}, text.VerbPP},
	}
	for _, c := range cases {
		forms := map[string]uint8{}
		for _, f := range m.VerbForms(c.lemma) {
			forms[f.Form] |= f.Tags
		}
		for _, w := range c.want {
			if forms[w]&c.tag == 0 {
				t.Errorf("%s: no form %q tagged %b", c.lemma, w, c.tag)
			}
		}
	}
}
