package webpage

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// junkTags never hold the main text of an article.
var junkTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Map: true,
	atom.Select: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
	atom.Datalist: true, atom.Dialog: true, atom.Figure: true, atom.Figcaption: true,
	atom.Picture: true, atom.Nav: true, atom.Menu: true, atom.Frameset: true, atom.Frame: true,
	atom.Label: true, atom.Fieldset: true, atom.Legend: true, atom.Meter: true, atom.Progress: true,
	atom.Address: true,
}

// softJunkTags usually hold page furniture but some sites put the article in
// them; they go unless they hold much of the page's text.
var softJunkTags = map[atom.Atom]bool{
	atom.Footer: true, atom.Aside: true, atom.Form: true,
}

// Kinds of boilerplate named by the class, id or role of their element. A class
// or id is split into lower-case words ("shareButtons" and "share-buttons"
// both give "share", "buttons"); a word matches an entry of boilerExact when
// equal to it and an entry of boilerPrefix when it starts with it.
var (
	boilerExact = wordSet(
		// navigation and page furniture
		"nav", "menu", "menus", "submenu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "ariane", "pagination", "pager",
		"sidebar", "sidebars", "widget", "widgets", "rail", "aside", "footer", "masthead", "topbar",
		"toolbar", "toolbox", "tools", "skip", "skiplink", "skiplinks", "sitemap",
		// share and follow
		"share", "shares", "sharing", "sharebar", "sharer", "sharethis", "social", "socials", "sociable",
		"addthis", "addtoany", "a2a", "follow", "print", "email",
		// teasers of other content
		"related", "relacionadas", "relacionados", "relacionada", "relacionado", "recommended",
		"recommendations", "recomendados", "outbrain", "taboola", "trending", "popular", "mostread",
		"most", "teaser", "teasers", "carousel", "slider", "slideshow", "gallery", "playlist", "lomasleido",
		// advertising
		"ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsense", "adslot",
		"adunit", "dfp", "gpt", "pub", "publicite", "publicidad", "sponsor", "sponsored", "promo",
		"promos", "promotion", "banner", "banners", "commercial",
		// sign-up, consent, comments
		"newsletter", "newsletters", "subscribe", "subscription", "signup", "login", "signin", "register",
		"paywall", "cookie", "cookies", "consent", "gdpr", "rgpd", "cmp", "popup", "modal", "overlay",
		"comment", "comments", "commentaires", "comentarios", "disqus", "respond", "reply", "replies",
		"reactions", "rating", "ratings", "vote", "votes",
		// about the article rather than the article
		"byline", "bylines", "author", "authors", "autor", "auteur", "bio", "avatar", "tags", "tag",
		"tagcloud", "keywords", "etiquetas", "topics", "caption", "captions", "credit", "credits",
		"legend", "leyenda", "copyright", "disclosure", "disclaimer", "meta", "metadata", "date", "dates",
		"timestamp", "time",
	)
	boilerPrefix = []string{
		"share", "social", "relacionad", "recommend", "recomend", "newsletter", "subscri", "suscri",
		"cookie", "comment", "comentario", "breadcrumb", "navbar", "navigation", "submenu", "megamenu",
		"sidebar", "widget", "footer", "advert", "sponsor", "byline", "caption", "popup", "outbrain",
		"taboola", "disqus", "pagination", "carousel", "slideshow", "trending", "tagcloud", "hashtag",
	}
	// boilerPhrases are sequences of class or id words that name a kind of
	// boilerplate ("read-more", "lire-aussi", "te-puede-interesar").
	boilerPhrases = regexp.MustCompile(`(^| )(read (more|also|next)|more (stories|news|from|articles)|see also|you (may|might)|also like|lire (aussi|la suite)|a lire|voir aussi|en savoir plus|savoir plus|learn more|saber mas|sur le meme sujet|plus lus|puede interesar|lee tambien|lea tambien|mas leid|mas noticias|te recomendamos|sign up|about the author|author (box|info|bio))( |$)`)
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// splitWords splits a class, id or role attribute into lower-case words, at
// spaces, punctuation, digits and lower-to-upper case changes.
func splitWords(s string) []string {
	var words []string
	var b strings.Builder
	var prev rune
	end := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			if unicode.IsLower(prev) {
				end()
			}
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r):
			b.WriteRune(r)
		default:
			end()
		}
		prev = r
	}
	end()
	return words
}

// stateWords start the classes that say what state an element is in
// ("has-sidebar", "hide-social-icons", "no-comments"): not its kind.
var stateWords = wordSet("has", "no", "with", "without", "hide", "show")

// taxonomyWords start the classes that content systems put on an article,
// among many others, to say what it is about ("tag-politics",
// "category-news", "author-jdoe", "format-standard"): not its kind.
var taxonomyWords = wordSet("tag", "category", "categories", "cat", "author", "format", "status",
	"type", "postid", "term", "tax", "taxonomy", "node", "page", "template", "lang", "mode",
	"theme", "layout")

// hiddenClasses hide an element from sight (but not from screen readers).
var hiddenClasses = wordSet("hidden", "hide", "is-hidden", "invisible", "d-none", "sr-only",
	"visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader", "offscreen",
	"element-invisible", "element-hidden", "u-hidden", "noprint", "no-print", "print-only")

// boilerKind tells whether the class, id or role of n names a kind of
// boilerplate, and returns the word that does ("" if none).
func boilerKind(n *html.Node) string {
	switch r := strings.ToLower(attr(n, "role")); r {
	case "navigation", "menu", "menubar", "banner", "contentinfo", "complementary", "search",
		"dialog", "alertdialog", "alert", "toolbar", "tablist":
		return r
	}
	for _, key := range []string{"class", "id"} {
		classes := strings.Fields(attr(n, key))
		for _, cls := range classes {
			if hiddenClasses[strings.ToLower(cls)] {
				return "hidden"
			}
			words := splitWords(cls)
			// Long ids are slugs of headings ("how-the-most-...") rather
			// than names of kinds.
			if len(words) == 0 || len(words) > 5 || len(words) > 1 && (stateWords[words[0]] ||
				taxonomyWords[words[0]] && len(classes) >= 3) {
				continue
			}
			for _, w := range words {
				if boilerExact[w] {
					return w
				}
				for _, p := range boilerPrefix {
					if strings.HasPrefix(w, p) {
						return p
					}
				}
			}
			if m := boilerPhrases.FindString(strings.Join(words, " ")); m != "" {
				return strings.TrimSpace(m)
			}
		}
	}
	return ""
}

var rxHiddenStyle = regexp.MustCompile(`(?i)(display\s*:\s*none|visibility\s*:\s*hidden)`)

func hidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	return rxHiddenStyle.MatchString(attr(n, "style"))
}

// textStats counts, for every element, the letters and digits of its text
// outside links (a cheap measure of how much prose an element holds).
type textStats map[*html.Node]int

func countText(root *html.Node) textStats {
	st := make(textStats)
	var walk func(n *html.Node, inLink bool) int
	walk = func(n *html.Node, inLink bool) int {
		total := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if !inLink {
					total += countChars(c.Data)
				}
			case html.ElementNode:
				if skipped[c.DataAtom] {
					continue
				}
				total += walk(c, inLink || c.DataAtom == atom.A)
			}
		}
		st[n] = total
		return total
	}
	walk(root, false)
	return st
}

// prune removes from the tree the elements that never hold the main text
// (scripts, forms, figures, navigation...), hidden elements, and page
// headers, footers and asides, except those that hold much of the page's
// prose (a <form> around the whole page, an <aside> that is the article).
// Boilerplate named by class or id is cut later, within the element chosen
// as the article, so that a class on the article itself cannot cut it.
func prune(doc *html.Node) {
	st := countText(doc)
	total := st[doc]
	protect := func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Html, atom.Body, atom.Main:
			return true
		}
		return total > 0 && st[n] >= 400 && float64(st[n]) >= 0.4*float64(total) || bodyHint(n) && st[n] >= 200
	}
	elements(doc, func(n *html.Node) bool {
		a := n.DataAtom
		switch {
		case a == atom.Head:
			remove(n)
			return false
		case junkTags[a]:
			switch {
			case a == atom.Figure && protect(n):
				return true // some sites wrap the article in <figure>
			case a == atom.Noscript && protect(n):
				// The page shows its article only to browsers without
				// scripts.
				n.DataAtom, n.Data = atom.Div, "div"
				return true
			}
			remove(n)
			return false
		case a == atom.Br || a == atom.Hr || a == atom.Img:
			return false
		case hidden(n) && !protect(n):
			remove(n)
			return false
		case softJunkTags[a] && !protect(n):
			remove(n)
			return false
		}
		return true
	})
}

// Hints that an element holds the article body, from its class or id words
// joined without separators.
var rxBodyHint = regexp.MustCompile(`articlebody|articlecontent|articletext|articlecorps|articlecontenu|articulocuerpo|articulotexto|articulocontenido|postcontent|postbody|posttext|postentry|entrycontent|entrybody|storybody|storycontent|storytext|bodytext|textbody|textcontent|contentbody|contenttext|newsbody|newscontent|newstext|notabody|notacuerpo|cuerponota|cuerpo|corps|contenidonota|notatexto|textonota|textenews|richtext|fieldbody|fieldnamebody|fielditems|singlecontent|blogcontent|blogpost|articledetail|detailbody|mainarticle|itembody`)

// bodyHint tells whether n is named as the body of an article.
func bodyHint(n *html.Node) bool {
	if strings.EqualFold(attr(n, "itemprop"), "articleBody") {
		return true
	}
	for _, key := range []string{"class", "id"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		for _, cls := range strings.Fields(v) {
			if rxBodyHint.MatchString(strings.Join(splitWords(cls), "")) {
				return true
			}
		}
	}
	return false
}

// articleHint tells whether n is named as a whole article (text, title,
// byline and all).
func articleHint(n *html.Node) bool {
	if n.DataAtom == atom.Article || strings.EqualFold(attr(n, "role"), "article") {
		return true
	}
	if strings.Contains(strings.ToLower(attr(n, "itemtype")), "article") {
		return true
	}
	for _, key := range []string{"class", "id"} {
		for _, cls := range strings.Fields(strings.ToLower(attr(n, key))) {
			switch cls {
			case "article", "post", "entry", "story", "hentry", "single", "nota", "noticia", "articulo",
				"news", "texto", "texte", "text", "contenu", "contenido", "content-article":
				return true
			}
		}
	}
	return false
}

// mainHint tells whether n is named as the main part of the page.
func mainHint(n *html.Node) bool {
	if n.DataAtom == atom.Main || strings.EqualFold(attr(n, "role"), "main") {
		return true
	}
	for _, key := range []string{"class", "id"} {
		for _, cls := range strings.Fields(attr(n, key)) {
			switch strings.Join(splitWords(cls), "") {
			case "main", "maincontent", "content", "contentmain", "primary", "contenido", "contenu",
				"principal", "contenidoprincipal", "contenuprincipal":
				return true
			}
		}
	}
	return false
}

var leadWords = wordSet("chapo", "chapeau", "lead", "lede", "standfirst", "dek", "deck", "intro",
	"bajada", "copete", "sumario", "entradilla", "subtitle", "subtitulo", "subheadline", "subhead",
	"summary", "excerpt", "abstract", "resume", "resumen", "extracto", "strapline", "description",
	"desc", "descripcion")

// leadHint tells whether n is named as the standfirst of an article.
func leadHint(n *html.Node) bool {
	for _, key := range []string{"class", "id", "itemprop"} {
		for _, w := range splitWords(attr(n, key)) {
			if leadWords[w] {
				return true
			}
		}
	}
	return false
}
