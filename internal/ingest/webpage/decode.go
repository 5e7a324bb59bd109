package webpage

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// declScan is how many leading bytes are searched for a charset declaration.
// Browsers look at 1024 bytes; real pages often put <meta charset> after
// kilobytes of scripts and styles, so look further.
const declScan = 64 << 10

var (
	rxMetaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)`)
	rxXMLEncoding = regexp.MustCompile(`(?i)^\s*<\?xml\s[^>]*encoding\s*=\s*["']([-\w.:]+)`)
)

// decode turns the raw bytes of a page into valid UTF-8 text. It honours a
// byte order mark, then a <meta charset> or http-equiv declaration (or an XML
// declaration), and otherwise guesses UTF-8 when the bytes are valid UTF-8 and
// windows-1252 when they are not. It returns the text and the name of the
// encoding it used.
func decode(b []byte) (string, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(b[3:]), "\uFFFD"), "utf-8"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), b), "utf-16be"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), b), "utf-16le"
	}

	enc, name := declared(b)
	valid := utf8.Valid(b)
	switch {
	case enc == nil:
		// Nothing declared (or a name nobody knows): guess.
		if valid || mostlyUTF8(b) {
			return strings.ToValidUTF8(string(b), "\uFFFD"), "utf-8"
		}
		return decodeWith(charmap.Windows1252, b), "windows-1252"
	case name == "utf-8" || strings.HasPrefix(name, "utf-16"):
		// A page cannot declare UTF-16 in its own ASCII-compatible bytes;
		// browsers read such pages as UTF-8. A page that says UTF-8 but is
		// mostly bytes of a legacy charset was saved by a tool that lied.
		if valid || mostlyUTF8(b) {
			return strings.ToValidUTF8(string(b), "\uFFFD"), "utf-8"
		}
		return decodeWith(charmap.Windows1252, b), "windows-1252"
	case valid && hasMultibyte(b) && singleByteLatin(name):
		// Declared latin-1 or the like, but the bytes are valid UTF-8 with
		// non-ASCII letters: legacy bytes are almost never valid UTF-8 by
		// chance, so the declaration is stale.
		return string(b), "utf-8"
	default:
		return decodeWith(enc, b), name
	}
}

// declared finds the charset a page declares in its first bytes.
func declared(b []byte) (encoding.Encoding, string) {
	head := b[:min(len(b), declScan)]
	var label string
	if m := rxXMLEncoding.FindSubmatch(head); m != nil {
		label = string(m[1])
	} else if m := rxMetaCharset.FindSubmatch(head); m != nil {
		label = string(m[1])
	}
	if label == "" {
		return nil, ""
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		// Try what x/net/html/charset knows (it accepts a few more aliases).
		var name string
		enc, name = charset.Lookup(label)
		if enc == nil {
			return nil, ""
		}
		return enc, name
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return nil, ""
	}
	return enc, name
}

func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// mostlyUTF8 reports whether the non-ASCII bytes of b mostly form valid
// UTF-8 sequences (a few stray bytes in a UTF-8 page).
func mostlyUTF8(b []byte) bool {
	var good, bad int
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			good++
		}
		b = b[size:]
	}
	return good > 4*bad
}

func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func singleByteLatin(name string) bool {
	return strings.HasPrefix(name, "windows-125") || strings.HasPrefix(name, "iso-8859-") ||
		name == "macintosh" || name == "koi8-r" || name == "koi8-u" || name == "ibm866"
}
