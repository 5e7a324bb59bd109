package webpage

import (
	"regexp"
	"strings"
	"unicode"
)

// Paragraphs that are boilerplate by what they say: pointers to other
// articles, calls to share or subscribe, labels of ads.
var (
	rxBoilerStart = regexp.MustCompile(`(?i)^(lire aussi|à lire aussi|a lire aussi|lire également|à lire également|voir aussi|à voir aussi|à découvrir|a découvrir|sur le même sujet|vidéos associées|archivé dans|read more|read also|read next|keep reading|continue reading|related:|related articles|related stories|related posts|see also|more on this|recommended( for you| stories| articles| reading|:)|you may also like|you might also like|most read|most popular|te puede interesar|puede interesarte|lee también|lea también|leer también|le puede interesar|te recomendamos|ver también|noticias relacionadas|más noticias|lo más leído|relacionad[oa]s?:)`)
	rxBoilerWhole = regexp.MustCompile(`(?i)^(share|share this|share on \w+|tweet|email|print|comments?|leave a (comment|reply)|advertisement|advertising|ad|sponsored|partager|partagez|imprimer|commentaires?|publicité|pub|compartir|compártelo|imprimir|comentarios?|publicidad|anuncio|suscríbete|abonnez-vous|subscribe|sign up|newsletter|follow us|suivez-nous|síguenos|tags?|etiquetas|mots-clés|temas|topics)\s*:?$`)
)

// rxCallToAction finds the calls to subscribe, follow, download an app or
// write in, and the rights notices, that pages put at the ends of articles.
var rxCallToAction = regexp.MustCompile(`(?i)(\bsubscribe (now|today|to|for|here)|\bplease subscribe|\bby signing up|\bnever miss|\bsubscribers? (can|get|also receive|only)|already a subscriber|\bsign(ing)? up (for|to|now|here|today)|\bnewsletter|\bdownload (the|our) (\w+ )?apps?\b|\bapps? for (ios|android)|\bfollow (us|the \w+|@\w+) on\b|\bsend us\b|\bsubmit your\b|\bwe want to hear\b|\ball rights reserved|\bcopyrighted|\bwritten permission|\bnot responsible for the (opinions|content)|\bclick here\b|suscr[ií]bete|suscr[ií]base|s[ií]guenos|[uú]nete (a|desde)|hazte (miembro|socio)|canal de (youtube|telegram|whatsapp)|bolet[ií]n|descarga (nuestra|la) app|todos los derechos reservados|cancela cuando quieras|puede escribirnos|escr[ií]benos|abonnez-vous|déjà abonné|inscrivez-vous|lettre d'information|suivez-nous|téléchargez (l'application|notre)|tous droits réservés|reproduction interdite)`)

// ctaStems are in every match of rxCallToAction, lower case: a cheap test
// that spares most paragraphs the regular expression.
var ctaStems = []string{
	"subscri", "sign", "newsletter", "app", "follow", "send us", "submit", "hear", "rights",
	"copyright", "permission", "responsible", "click", "suscr", "sígu", "sigu", "únete", "unete",
	"hazte", "canal", "bolet", "descarga", "derechos", "cancela", "escrib", "escríb", "abonn", "inscriv",
	"lettre", "suivez", "télécharg", "droits", "reproduction", "never miss",
}

// callToAction tells whether a paragraph asks the reader to subscribe,
// follow, download or write in, or states the rights on the article.
func callToAction(s string) bool {
	l := strings.ToLower(s)
	for _, stem := range ctaStems {
		if strings.Contains(l, stem) {
			return rxCallToAction.MatchString(s)
		}
	}
	return false
}

// ctaWindow is how many blocks at the end of a text are looked at for calls
// to action.
const ctaWindow = 5

// maxTail is the most text, in letters, after a call to action near the end
// of an article that goes with it.
const maxTail = 600

// boilerText tells whether a paragraph is boilerplate by what it says: a
// pointer to other articles, a label (share, comments, tags), a byline, a
// reading time, a photo credit.
func boilerText(s string) bool {
	if len(s) > 160 {
		return false
	}
	return rxBoilerStart.MatchString(s) || rxBoilerWhole.MatchString(s) || rxLabel.MatchString(s) ||
		byline(s)
}

// rxLabel finds the labels of metadata that pages print around articles.
var rxLabel = regexp.MustCompile(`(?i)^(\d+\s*(min|mins|minutes?)\s*(read|de lectura|de lecture|lecture)?|(reading time|temps de lecture|tiempo de lectura|lectura)\s*:?\s*\d+.*|(category|categories|catégories?|categorías?|filed under|publié dans|archivé dans|photo|photos|foto|fotos|credit|credits|crédits?( photos?)?|image|imagen|source de l'image)\s*:.*|(auteurs?|authors?|autor(es)?|édition|edition|edición|rédaction|redacción|editor|éditeur|fecha|date)\s*:.*|(permalink|permalien|enlace permanente)\b.*|view comments|(\d+\s+)?(comments?|commentaires?|comentarios?)|(print|imprimer|imprimir)( this page| cette page| esta página)?)$`)

// rxByline finds a byline alone in its paragraph: "By Jane Doe", "Par Jean
// Dupont et Marie Curie", "Por Juan Pérez | Redacción".
var rxByline = regexp.MustCompile(`^((By|BY|by)\s*:?\s+\p{Lu}|(Par|PAR|par|Por|POR|por)\s*:?\s+\p{Lu}\p{Ll})`)

func byline(s string) bool {
	return len(s) <= 80 && len(strings.Fields(s)) <= 10 && rxByline.MatchString(s) && !strings.ContainsAny(s, ".?!") ||
		len(s) <= 80 && rxByline.MatchString(s) && strings.Count(s, " ") <= 4
}

// dateWords may stand in a line that only gives a date.
var dateWords = wordSet(
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "janvier", "février", "fevrier", "mars", "avril", "mai", "juin",
	"juillet", "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre", "janv",
	"févr", "avr", "juil", "déc", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "ene", "abr", "ago",
	"dic",
)

var dateFiller = wordSet(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
	"wed", "thu", "fri", "sat", "sun", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
	"dimanche", "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
	"domingo", "published", "updated", "posted", "last", "modified", "on", "at", "the", "of", "le",
	"la", "el", "de", "del", "à", "a", "las", "los", "publié", "publiée", "mis", "jour", "modifié",
	"publicado", "publicada", "actualizado", "actualizada", "modificado", "fecha", "date", "h", "hr",
	"hrs", "am", "pm", "gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "et", "pt", "cet",
	"cest", "st", "nd", "rd", "th", "er", "hs", "y", "and", "et", "le", "heure", "hora",
)

// dateLine tells whether s only gives a date (and maybe a time), as the lines
// above or below articles do. Lists of dates (a schedule) are content; the
// caller tells them apart.
func dateLine(s string) bool {
	if len(s) > 80 {
		return false
	}
	var months int
	var digits bool
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		switch {
		case strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0:
			digits = true
		case dateWords[w]:
			months++
		case dateFiller[w]:
		case rxOrdinalOrHour.MatchString(w):
			digits = true
		default:
			return false
		}
	}
	// Two months make a period ("8 de agosto a 7 de octubre"), which is
	// content.
	return digits && (months == 1 || months == 0 && rxNumericDate.MatchString(s))
}

// rxOrdinalOrHour matches "1st", "2nd", "1er", "10h", "10h30".
var rxOrdinalOrHour = regexp.MustCompile(`^\d{1,2}(st|nd|rd|th|er|e|h|hs|hrs)\d{0,2}$`)

var rxNumericDate = regexp.MustCompile(`^[^+]*\b(\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})\b`)
