// Package interop holds tests that read mutualsim's CSV and Parquet tables
// with DuckDB, an independent reader, to show that other tools read the
// files unchanged. It is a module of its own, so that the main module does
// not depend on DuckDB's C++ library.
package interop
