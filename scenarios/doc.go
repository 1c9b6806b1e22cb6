// Package scenarios reads the model's inputs (package inputs) from
// scenario files in YAML, TOML or JSON, following their extends: chains,
// from MUTUALSIM_* environment variables and from --set overrides, with
// every problem reported at once with its file, line and key; it holds the
// built-in library, reads sweep designs, and writes a scenario back as a
// file.
package scenarios
