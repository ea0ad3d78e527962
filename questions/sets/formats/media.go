package formats

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"sabaq/questions/media"
	"sabaq/questions/sets"
)

// attachMedia points each picture of the items' HTML that names one of
// r.Files at the store's copy of it (/media/<sha256>.<ext>) and keeps that
// file in r.Media. A picture whose file is refused (an SVG, too large, not
// a picture) is left pointing nowhere, so the page does not show it, and
// named in NotKept; a kept picture without alt text gets one from its file
// name, named in ToCheck.
// It returns what it could not keep, by item index, for finish to name with
// the rest of what is not kept.
func (r *Result) attachMedia() map[int][]string {
	lostBy := map[int][]string{}
	kept := map[string]media.File{} // by the file's name in r.Files
	refused := map[string]error{}   // likewise
	stored := map[string]bool{}     // r.Media's names
	for i := range r.Items {
		it := &r.Items[i]
		if it.Format != sets.HTML {
			continue
		}
		var lost, check []string
		note := func(list *[]string, s string) {
			if !slices.Contains(*list, s) {
				*list = append(*list, s)
			}
		}
		it.MapRichTexts(func(s string) string {
			return media.Rewrite(s, func(im *media.Image) {
				if media.NameOf(im.Src) != "" {
					return // already in the store (a file exported from Sabaq)
				}
				name, data, ok := r.file(im.Src)
				if !ok {
					return // a picture from elsewhere: Dropped names it
				}
				f, done := kept[name]
				if !done {
					if err, bad := refused[name]; bad {
						note(&lost, fmt.Sprintf("the picture %q (%v)", name, err))
						im.Src = ""
						return
					}
					var err error
					if f, err = media.New(data); err != nil {
						refused[name] = err
						note(&lost, fmt.Sprintf("the picture %q (%v)", name, err))
						im.Src = ""
						return
					}
					kept[name] = f
					if !stored[f.Name] {
						stored[f.Name] = true
						r.Media = append(r.Media, f)
					}
				}
				im.Src = f.URL()
				if !im.HasAlt {
					im.Alt = media.AltFromName(name)
					note(&check, fmt.Sprintf("the picture %q had no description (alt text) and was given “%s”", name, im.Alt))
				}
			})
		})
		if len(lost) > 0 {
			lostBy[i] = lost
		}
		if len(check) > 0 {
			r.ToCheck = append(r.ToCheck, Problem{Line: it.Line, Question: Name(*it),
				Message: strings.Join(check, "; ") + ": check it in the question's form"})
		}
	}
	return lostBy
}

// file finds the file a picture's src names (see fileNames).
func (r *Result) file(src string) (string, []byte, bool) {
	if len(r.Files) == 0 || src == "" {
		return "", nil, false
	}
	for _, c := range fileNames(src) {
		if b, ok := r.Files[c]; ok {
			return c, b, true
		}
	}
	return "", nil, false
}

// fileNames are the names under which a file a picture's src names may be
// kept, most exact first: as written, without Moodle's @@PLUGINFILE@@/
// prefix, URL-decoded, and by its base name.
func fileNames(src string) []string {
	name := strings.TrimPrefix(src, "@@PLUGINFILE@@/")
	out := []string{src, name}
	if u, err := url.PathUnescape(name); err == nil {
		out = append(out, u, path.Base(u))
	}
	return append(out, path.Base(name))
}

// MediaNames lists, once each, the stored pictures the items' HTML shows:
// what an export that carries files must fetch.
func MediaNames(items []sets.Item) []string {
	var out []string
	for _, it := range items {
		if it.Format != sets.HTML {
			continue
		}
		for _, t := range it.RichTexts() {
			for _, im := range media.Images(t) {
				if n := media.NameOf(im.Src); n != "" && !slices.Contains(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	return out
}
