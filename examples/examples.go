// Package examples holds the example files shipped with mutualsim that the
// program itself reads: the calibration targets that "mutualsim validate"
// checks when not given a file of its own.
package examples

import _ "embed"

//go:embed calibration-2014-2018.yaml
var calibration []byte

// CalibrationFile is the name of the calibration targets file in this folder.
const CalibrationFile = "examples/calibration-2014-2018.yaml"

// Calibration returns the contents of examples/calibration-2014-2018.yaml as
// built into the program. The slice is new on each call.
func Calibration() []byte { return append([]byte(nil), calibration...) }
