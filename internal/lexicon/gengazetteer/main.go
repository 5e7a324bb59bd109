// Command gengazetteer builds internal/lexicon/data/places.tsv.gz from the
// GeoNames cities gazetteer shipped in ../shared/ref (cities over 15,000
// people, with French and Spanish names).
//
//	go run ./internal/lexicon/gengazetteer -in ../shared/ref/geonames-cities15000.tsv -out internal/lexicon/data/places.tsv.gz
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

func main() {
	in := flag.String("in", "../shared/ref/geonames-cities15000.tsv", "GeoNames TSV")
	out := flag.String("out", "internal/lexicon/data/places.tsv.gz", "file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		slog.Error("gengazetteer", "err", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# Place data © GeoNames (geonames.org), CC BY 4.0, taken from Debian's libgeonames 0.3.0 packages;")
	fmt.Fprintln(w, "# reformatted, ASCII-folded, with ISO alpha-3 codes and capital flags added (../shared/ref/geonames.README.md).")
	fmt.Fprintln(w, "# geonameid\tname\tascii_name\tname_fr\tname_es\tcountry_alpha3\tadmin1\tlatitude\tlongitude\tpopulation\tcapital")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 11 {
			return fmt.Errorf("%s: line %d: %d columns", in, n+1, len(cols))
		}
		if n == 0 && cols[0] == "geonameid" {
			n++
			continue
		}
		n++
		fmt.Fprintln(w, strings.Join(cols[:11], "\t"))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return o.Close()
}
