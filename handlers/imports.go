package handlers

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/gofiber/fiber/v2"

	"sabaq/db"
	"sabaq/questions"
	"sabaq/questions/sets"
	"sabaq/questions/sets/formats"
	"sabaq/views"
)

// ---- formats ----

// registry is every format, for the import and export pages alike.
var registry = db.Formats()

// parseImport reads content in the format named by key.
func parseImport(key string, content []byte, opts formats.TextOptions) (formats.Result, error) {
	f, err := registry.Importers().Lookup(key)
	if err != nil {
		return formats.Result{}, fmt.Errorf("handlers: %w", err)
	}
	return f.Parse(bytes.NewReader(content), opts)
}

// importNames lists the formats a teacher can import, by name.
func importNames() string {
	var names []string
	for _, f := range registry.Importers() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// importName is the name of the import format key.
func importName(key string) string {
	f, _ := registry.Importers().Lookup(key)
	return f.Name
}

// separators names the choices for a flashcard export's separators.
var (
	termSeps = map[string]string{"tab": "\t", "comma": ",", "semicolon": ";", "dash": " - "}
	rowSeps  = map[string]string{"newline": "\n", "semicolon": ";", "blank-line": "\n\n"}
)

// textOptions reads the separators of a flashcard export: a named one or a
// custom text, in which \n and \t stand for a line break and a tab.
func textOptions(term, termCustom, row, rowCustom string) (formats.TextOptions, map[string]string) {
	errs := map[string]string{}
	unescape := strings.NewReplacer(`\n`, "\n", `\t`, "\t")
	var o formats.TextOptions
	switch {
	case term == "" || term == "tab":
		o.TermSep = "\t"
	case term == "custom" && termCustom != "":
		o.TermSep = unescape.Replace(termCustom)
	case termSeps[term] != "":
		o.TermSep = termSeps[term]
	default:
		errs["term_sep"] = "Choose the separator between term and definition, or type your own."
	}
	switch {
	case row == "" || row == "newline":
		o.RowSep = "\n"
	case row == "custom" && rowCustom != "":
		o.RowSep = unescape.Replace(rowCustom)
	case rowSeps[row] != "":
		o.RowSep = rowSeps[row]
	default:
		errs["row_sep"] = "Choose the separator between rows, or type your own."
	}
	if len(errs) == 0 && o.TermSep == o.RowSep {
		errs["row_sep"] = "The separator between rows must differ from the one between term and definition."
	}
	if len(o.TermSep) > 20 || len(o.RowSep) > 20 {
		errs["term_sep"] = "Keep separators under 20 characters."
	}
	return o, errs
}

// ---- pending imports ----

// pendingImport is an uploaded file between its preview and the teacher's
// confirmation. It stays on the server, so that confirming needs no second
// upload and the teacher confirms exactly what was previewed.
type pendingImport struct {
	owner   int64
	setID   int64  // 0: into a new set
	title   string // a new set's title
	format  string
	opts    formats.TextOptions
	source  string // file name, or "pasted text"
	content []byte
	hash    string // hex SHA-256 of content
	created time.Time
}

// Bounds on what pending imports hold in memory.
const (
	pendingTTL      = time.Hour
	pendingMaxBytes = 64 << 20
	pendingPerOwner = 3
)

// pendingImports holds previews awaiting confirmation, by a random id. Its
// zero value is ready to use. A restart forgets them: the teacher uploads
// again.
type pendingImports struct {
	mu    sync.Mutex
	m     map[string]*pendingImport
	bytes int
}

// put keeps p and returns its id, dropping expired previews, then the
// owner's oldest beyond pendingPerOwner, then the oldest of all while over
// pendingMaxBytes.
func (ps *pendingImports) put(p *pendingImport) string {
	var b [16]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.m == nil {
		ps.m = map[string]*pendingImport{}
	}
	oldest := func(keep func(*pendingImport) bool) string {
		var at string
		for k, q := range ps.m {
			if keep(q) && (at == "" || q.created.Before(ps.m[at].created)) {
				at = k
			}
		}
		return at
	}
	for k, q := range ps.m {
		if time.Since(q.created) > pendingTTL {
			ps.drop(k)
		}
	}
	mine := 0
	for _, q := range ps.m {
		if q.owner == p.owner {
			mine++
		}
	}
	for ; mine >= pendingPerOwner; mine-- {
		ps.drop(oldest(func(q *pendingImport) bool { return q.owner == p.owner }))
	}
	for ps.bytes+len(p.content) > pendingMaxBytes && len(ps.m) > 0 {
		ps.drop(oldest(func(*pendingImport) bool { return true }))
	}
	ps.m[id] = p
	ps.bytes += len(p.content)
	return id
}

func (ps *pendingImports) drop(id string) {
	if q, ok := ps.m[id]; ok {
		ps.bytes -= len(q.content)
		delete(ps.m, id)
	}
}

// take removes and returns the owner's pending import id, if it is still
// kept: two confirmations of one preview cannot both write.
func (ps *pendingImports) take(id string, owner int64) (*pendingImport, bool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	p, ok := ps.m[id]
	if !ok || p.owner != owner || time.Since(p.created) > pendingTTL {
		return nil, false
	}
	ps.drop(id)
	return p, true
}

// putBack keeps a taken import again under its id, for another try.
func (ps *pendingImports) putBack(id string, p *pendingImport) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.m == nil {
		ps.m = map[string]*pendingImport{}
	}
	if _, ok := ps.m[id]; !ok {
		ps.m[id] = p
		ps.bytes += len(p.content)
	}
}

// remove forgets the owner's pending import id.
func (ps *pendingImports) remove(id string, owner int64) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if p, ok := ps.m[id]; ok && p.owner == owner {
		ps.drop(id)
	}
}

func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// ---- import: form, preview, confirm, cancel ----

// importTarget is the set an import adds to (from the URL), or none for an
// import into a new set.
func (a *App) importTarget(c *fiber.Ctx) (questions.SetInfo, error) {
	if c.Params("id") == "" {
		return questions.SetInfo{}, nil
	}
	return a.ownSet(c)
}

func importBase(si questions.SetInfo) string {
	if si.ID == 0 {
		return "/teach/import"
	}
	return setURL(si.ID) + "/import"
}

func (a *App) importForm(c *fiber.Ctx) error {
	si, err := a.importTarget(c)
	if err != nil {
		return err
	}
	return render(c, views.ImportForm(a.importView(c, si, views.ImportPage{Format: "gift", TermSep: "tab", RowSep: "newline"})))
}

func (a *App) importView(c *fiber.Ctx, si questions.SetInfo, vm views.ImportPage) views.ImportPage {
	vm.Page = a.page(c, "Import questions", "teach")
	vm.Action, vm.SetID, vm.SetTitle = importBase(si), si.ID, si.Title
	vm.MaxMB, vm.MaxItems = formats.MaxBytes>>20, formats.MaxItems
	vm.Accept = registry.Importers().Accept()
	for _, f := range registry.Importers() {
		vm.Formats = append(vm.Formats, views.Option{Value: f.Key, Label: f.Name, Checked: f.Is(vm.Format)})
	}
	return vm
}

// previewImport reads an uploaded or pasted file and shows what importing
// it would add. Nothing is written; a preview without errors is kept for
// the teacher to confirm.
func (a *App) previewImport(c *fiber.Ctx) error {
	acc, _ := account(c)
	si, err := a.importTarget(c)
	if err != nil {
		return err
	}
	vm := views.ImportPage{Title: strings.TrimSpace(c.FormValue("title")), Format: c.FormValue("format"),
		TermSep: c.FormValue("term_sep"), TermCustom: c.FormValue("term_custom"),
		RowSep: c.FormValue("row_sep"), RowCustom: c.FormValue("row_custom"), Errors: map[string]string{}}
	text := c.FormValue("text")
	showForm := func(status int) error {
		c.Status(status)
		if len(text) <= MaxBody {
			vm.Text = text // a pasted text too large to show again is not shown again
		}
		return render(c, views.ImportForm(a.importView(c, si, vm)))
	}
	format, err := registry.Importers().Lookup(vm.Format)
	if err != nil {
		vm.Errors["format"] = "Choose the format of the file: " + importNames() + "."
	}
	opts, sepErrs := textOptions(vm.TermSep, vm.TermCustom, vm.RowSep, vm.RowCustom)
	if vm.Format == "text" {
		for k, v := range sepErrs {
			vm.Errors[k] = v
		}
	}
	var content []byte
	source := "pasted text"
	fh, ferr := c.FormFile("file")
	switch {
	case ferr == nil && fh.Size > 0:
		if fh.Size > formats.MaxBytes {
			vm.Errors["file"] = tooLarge
			return showForm(fiber.StatusRequestEntityTooLarge)
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		content, err = io.ReadAll(io.LimitReader(f, formats.MaxBytes+1))
		f.Close()
		if err != nil {
			return err
		}
		source = shorten(filepath.Base(strings.ReplaceAll(fh.Filename, `\`, "/")), 100)
		if vm.Title == "" && si.ID == 0 {
			vm.Title = shorten(strings.TrimSpace(strings.TrimSuffix(source, filepath.Ext(source))), maxSetTitle)
		}
	case strings.TrimSpace(text) != "" && format.Binary:
		// A package pasted as text has lost its bytes on the way.
		vm.Errors["text"] = fmt.Sprintf("The %s is a file: choose it above.", format.Name)
	case strings.TrimSpace(text) != "":
		content = []byte(text)
	default:
		vm.Errors["file"] = "Choose a file, or paste the questions below."
	}
	if len(content) > formats.MaxBytes {
		vm.Errors["file"] = tooLarge
		return showForm(fiber.StatusRequestEntityTooLarge)
	}
	if si.ID == 0 {
		if errs := validateSet(vm.Title, ""); errs != nil {
			vm.Errors["title"] = errs["title"]
		}
	}
	if len(vm.Errors) > 0 {
		return showForm(fiber.StatusBadRequest)
	}
	res, err := parseImport(vm.Format, content, opts)
	if errors.Is(err, formats.ErrTooLarge) {
		vm.Errors["file"] = tooLarge
		return showForm(fiber.StatusRequestEntityTooLarge)
	}
	if err != nil {
		return err
	}
	p := &pendingImport{owner: acc.ID, setID: si.ID, title: vm.Title, format: vm.Format, opts: opts, source: source,
		content: content, hash: hashOf(content), created: time.Now()}
	pv, err := a.previewView(c, si, p, res)
	if err != nil {
		return err
	}
	if pv.Blocked == "" {
		pv.Pending = a.imports.put(p)
	}
	return render(c, views.ImportPreviewView(pv))
}

const tooLarge = "The file is larger than 5 MB, the most one import may be. Split it into smaller files."

// sampleSize is how many questions a preview lists.
const sampleSize = 20

// previewView shows what importing res into si (or a new set) would add:
// an item whose guid is already the set's (an Anki note imported before)
// updates that item, as ImportItems will, and is counted apart.
func (a *App) previewView(c *fiber.Ctx, si questions.SetInfo, p *pendingImport, res formats.Result) (views.ImportPreview, error) {
	base := importBase(si)
	pv := views.ImportPreview{Page: a.page(c, "Import preview", "teach"), ConfirmURL: base + "/confirm", CancelURL: base + "/cancel",
		BackURL: base, Hash: p.hash, Source: p.source, FormatName: importName(p.format), Total: len(res.Items)}
	updates, err := a.importUpdates(c, si, res.Items)
	if err != nil {
		return views.ImportPreview{}, err
	}
	pv.New, pv.Updates = len(res.Items)-updates+len(res.Written), updates
	pv.Total += len(res.Written) // Moodle XML essays: authoredwritten.go
	if si.ID == 0 {
		pv.Target = "a new set, “" + p.title + "”"
	} else {
		pv.Target = "the set “" + si.Title + "”"
	}
	if n := len(res.Media); n > 0 {
		size := 0
		for _, f := range res.Media {
			size += len(f.Data)
		}
		pv.Pictures = fmt.Sprintf("With %s (%s), stored in Sabaq.", plural(n, "picture", "pictures"), kilobytes(size))
	}
	counts := res.Counts()
	for _, k := range sets.Kinds {
		if counts[k] > 0 {
			pv.Counts = append(pv.Counts, views.KindCount{Kind: string(k), Name: sets.KindNames[k], N: counts[k]})
		}
	}
	if n := len(res.Written); n > 0 {
		pv.Counts = append(pv.Counts, views.KindCount{Kind: "written", Name: "Written question (a Moodle essay)", N: n})
	}
	for _, w := range res.Written {
		pv.Written = append(pv.Written, views.ProblemRow{Line: w.Line, Question: w.Name, Message: w.Note})
	}
	for _, pr := range res.Errors {
		pv.Errors = append(pv.Errors, views.ProblemRow{Line: pr.Line, Question: pr.Question, Message: pr.Message})
	}
	for _, pr := range res.NotKept {
		pv.NotKept = append(pv.NotKept, views.ProblemRow{Line: pr.Line, Question: pr.Question, Message: pr.Message})
	}
	for _, pr := range res.ToCheck {
		pv.ToCheck = append(pv.ToCheck, views.ProblemRow{Line: pr.Line, Question: pr.Question, Message: pr.Message})
	}
	for _, pr := range res.Unsupported {
		pv.Unsupported = append(pv.Unsupported, views.ProblemRow{Line: pr.Line, Question: pr.Question, Message: pr.Message})
	}
	for i, it := range res.Items {
		if i == sampleSize {
			pv.More = len(res.Items) - sampleSize
			break
		}
		pv.Sample = append(pv.Sample, views.SampleRow{Line: it.Line, KindName: sets.KindNames[it.Kind], Prompt: shorten(sets.PlainText(it.Prompt, it.Format), 200)})
	}
	switch {
	case len(res.Errors) > 0:
		pv.Blocked = fmt.Sprintf("Nothing can be imported while the file has errors (%d). Correct the lines listed below and upload it again.", len(res.Errors))
	case len(res.Items) == 0 && len(res.Written) == 0:
		pv.Blocked = "There are no questions to import in this file."
	case si.Items+pv.New-len(res.Written) > sets.MaxItems: // written questions are not items
		pv.Blocked = fmt.Sprintf("The set holds %s; with these %d it would pass the limit of %d a set may hold. Import them into a new set.",
			plural(si.Items, "question", "questions"), pv.New, sets.MaxItems)
	}
	return pv, nil
}

// importUpdates counts the items that importing into si updates rather
// than adds, by ImportItems' rule: an item whose guid a live item of the
// set has, or an earlier item of the same file. A new set is all additions.
func (a *App) importUpdates(c *fiber.Ctx, si questions.SetInfo, items []sets.Item) (int, error) {
	if si.ID == 0 || !slices.ContainsFunc(items, func(it sets.Item) bool { return it.Guid != "" }) {
		return 0, nil
	}
	guids, err := a.Store.SetGuids(c.UserContext(), si.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, it := range items {
		switch {
		case it.Guid == "":
		case guids[it.Guid]:
			n++
		default:
			guids[it.Guid] = true
		}
	}
	return n, nil
}

// confirmImport writes a previewed import: the file is read again from the
// pending copy, its hash checked against the one the preview showed, and
// the set and items written in one transaction.
func (a *App) confirmImport(c *fiber.Ctx) error {
	acc, _ := account(c)
	si, err := a.importTarget(c)
	if err != nil {
		return err
	}
	id := c.FormValue("pending")
	p, ok := a.imports.take(id, acc.ID)
	if ok && p.setID != si.ID {
		a.imports.putBack(id, p) // confirmed on the wrong set's page: leave it be
		ok = false
	}
	if !ok {
		return questions.Errorf(questions.ENOTFOUND,
			"This import preview has expired (previews are kept for an hour) or was already used. Nothing was imported: upload the file again.")
	}
	if hashOf(p.content) != p.hash || subtle.ConstantTimeCompare([]byte(c.FormValue("hash")), []byte(p.hash)) != 1 {
		return badRequest("The file does not match the preview you confirmed. Nothing was imported: upload it again.")
	}
	res, err := parseImport(p.format, p.content, p.opts)
	if err != nil {
		return err
	}
	pv, err := a.previewView(c, si, p, res)
	if err != nil {
		return err
	}
	if pv.Blocked != "" {
		c.Status(fiber.StatusBadRequest)
		return render(c, views.ImportPreviewView(pv))
	}
	if len(res.Unsupported) > 0 && c.FormValue("skip_unsupported") != "1" {
		a.imports.putBack(id, p)
		pv.Pending = id
		pv.SkipError = "Tick this box to import the other questions without these, or cancel."
		c.Status(fiber.StatusBadRequest)
		return render(c, views.ImportPreviewView(pv))
	}
	ctx := c.UserContext()
	setID := si.ID
	var ids []int64
	var wids []string // written questions, beside the items: authoredwritten.go
	if setID == 0 {
		setID, ids, wids, err = a.Store.ImportSetWritten(ctx, acc.ID, p.title, "", res.Items, res.Media, importedWritten(res))
	} else {
		// Items with a guid (Anki's) update the set's item of that guid.
		ids, _, wids, err = a.Store.ImportItemsWritten(ctx, setID, res.Items, res.Media, importedWritten(res))
	}
	if err != nil {
		a.imports.putBack(id, p) // nothing was written: the teacher may try again
		if qe := (*db.QuotaError)(nil); errors.As(err, &qe) {
			return badRequest("Nothing was imported: %s.", qe.Error())
		}
		return err
	}
	a.putItems(setID, ids, res.Items)
	return c.Redirect(setURL(setID)+"?done=imported&n="+strconv.Itoa(len(ids)+len(wids)), fiber.StatusSeeOther)
}

// cancelImport forgets a pending import; nothing is written.
func (a *App) cancelImport(c *fiber.Ctx) error {
	acc, _ := account(c)
	si, err := a.importTarget(c)
	if err != nil {
		return err
	}
	a.imports.remove(c.FormValue("pending"), acc.ID)
	if si.ID == 0 {
		return c.Redirect("/teach/sets", fiber.StatusSeeOther)
	}
	return c.Redirect(setURL(si.ID), fiber.StatusSeeOther)
}

// ---- export ----

// exportSplit tries each item alone and returns those f holds, for the
// others why not, and for those f writes less something (a partly right
// answer, feedback) what they lose.
func exportSplit(f formats.Format, items []db.SetItem, opts formats.TextOptions) ([]sets.Item, []views.LeftOut, []views.LeftOut, error) {
	var keep []sets.Item
	var left, losing []views.LeftOut
	for i, it := range items {
		if f.Whole {
			keep = append(keep, it.Item)
			continue
		}
		err := f.Write(io.Discard, "", []sets.Item{it.Item}, opts)
		var ue *formats.UnsupportedError
		switch {
		case errors.As(err, &ue):
			left = append(left, views.LeftOut{Number: i + 1, Name: ue.Name,
				Reason: fmt.Sprintf("Question %d (%s) %s", i+1, ue.Name, ue.Reason)})
		case err != nil:
			return nil, nil, nil, err // not about the item: the format's options, or a bug
		default:
			keep = append(keep, it.Item)
			if f.Loses == nil {
				continue
			}
			if lost := f.Loses(it.Item); len(lost) > 0 {
				name := formats.Name(it.Item)
				losing = append(losing, views.LeftOut{Number: i + 1, Name: name,
					Reason: fmt.Sprintf("Question %d (%s) is written without %s.", i+1, name, andList(lost))})
			}
		}
	}
	return keep, left, losing, nil
}

// andList joins phrases as "a, b and c".
func andList(ps []string) string {
	if len(ps) < 2 {
		return strings.Join(ps, "")
	}
	return strings.Join(ps[:len(ps)-1], ", ") + " and " + ps[len(ps)-1]
}

// export downloads a set in the format asked for, or without one shows
// what each format would hold. A format that cannot hold some of the items
// leaves them out (the export page names them, and the download says how
// many in an X-Sabaq-Left-Out header); one that can hold none is a 400 page.
// A format that writes an item less its partly right answers or feedback
// says so too (the page names them; the X-Sabaq-Losing header counts them).
func (a *App) export(c *fiber.Ctx) error {
	si, err := a.ownSet(c)
	if err != nil {
		return err
	}
	items, err := a.Store.SetItems(c.UserContext(), si.ID)
	if err != nil {
		return err
	}
	ws, err := a.Store.SetWritten(c.UserContext(), si.ID) // written questions: Moodle XML only (authoredwritten.go)
	if err != nil {
		return err
	}
	key := c.Query("format")
	opts, sepErrs := textOptions(c.Query("term_sep"), c.Query("term_custom"), c.Query("row_sep"), c.Query("row_custom"))
	if key == "" {
		vm := views.ExportPage{Page: a.page(c, "Export "+si.Title, "teach"), SetID: si.ID, SetTitle: si.Title, Total: len(items) + len(ws)}
		for _, f := range registry.Exporters() {
			keep, left, losing, err := exportSplit(f, items, formats.TextOptions{})
			if err != nil {
				return err
			}
			left = writtenLeftOut(f, len(items), ws, left)
			included := len(keep)
			if writesWritten(f) {
				included += len(ws)
			}
			vm.Formats = append(vm.Formats, views.ExportFormat{Key: f.Key, Name: f.Name, Holds: f.Holds,
				URL: setURL(si.ID) + "/export?format=" + f.Key, Included: included, LeftOut: left, Losing: losing})
		}
		return render(c, views.Export(vm))
	}
	e, err := registry.Exporters().Lookup(key)
	switch {
	case err != nil:
		return badRequest("There is no export format called %q. The formats are %s.", key, strings.Join(registry.Exporters().Keys(), ", "))
	case e.Key == "text" && len(sepErrs) > 0:
		return badRequest("%s", strings.TrimSpace(sepErrs["term_sep"]+" "+sepErrs["row_sep"]))
	case len(items) == 0 && len(ws) > 0 && !writesWritten(e):
		return badRequest("This set holds only written questions, which are exported only to Moodle XML, as essays.")
	case len(items) == 0 && len(ws) == 0:
		return badRequest("This set has no questions to export yet.")
	}
	keep, left, losing, err := exportSplit(e, items, opts)
	if err != nil {
		return err
	}
	left = writtenLeftOut(e, len(items), ws, left)
	if writesWritten(e) {
		opts.Written = ws
	}
	if opts.Media, err = a.Store.MediaFiles(c.UserContext(), formats.MediaNames(keep)); err != nil {
		return err
	}
	if len(keep) == 0 && len(opts.Written) == 0 {
		return badRequest("None of the %s in this set can be exported as %s, which holds %s. %s",
			plural(len(items), "question", "questions"), e.Name, e.Holds, left[0].Reason)
	}
	var b bytes.Buffer
	if err := e.Write(&b, si.Title, keep, opts); err != nil {
		return err // each item was written alone above: this is not the teacher's to fix
	}
	c.Set(fiber.HeaderContentType, e.MIME)
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": fileName(si) + e.Suffix}))
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Sabaq-Left-Out", strconv.Itoa(len(left)))
	c.Set("X-Sabaq-Losing", strconv.Itoa(len(losing)))
	return c.Send(b.Bytes())
}

// fileName is a set's title as a safe file name: ASCII letters and digits,
// words joined by "-".
func fileName(si questions.SetInfo) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(si.Title) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 60 {
				break
			}
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "sabaq-set-" + itoa64(si.ID)
	}
	return b.String()
}

// kilobytes is a size as a teacher reads it: "312 KB", "1.4 MB".
func kilobytes(n int) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	}
	return strconv.Itoa(max(1, (n+512)/1024)) + " KB"
}
