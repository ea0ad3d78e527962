package views

import "embed"

// Static holds the stylesheet, script and icon, embedded in the binary so
// that no page needs anything from outside the server.
//
//go:embed static
var Static embed.FS
