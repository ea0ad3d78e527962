package views

import "embed"

// Static holds the stylesheet (css/, served joined as style.css), the
// script (js/, served as app.js) and the icon, embedded in the binary so
// that no page needs anything from outside the server.
//
//go:embed static
var Static embed.FS
