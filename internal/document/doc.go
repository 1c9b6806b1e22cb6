// Package document reads the files a user writes (scenarios and sweep
// designs, in YAML, TOML or JSON) into a tree of nodes that keeps what a
// configuration map loses: keys with no value, keys in their file order,
// and the line of every key, so that a problem can name the file, line and
// key that is wrong. It knows nothing of scenarios or designs; packages
// scenarios and design give the trees their meaning.
package document
