//go:build go1.22

package main

import "go/types"

// unalias resolves alias types, which go/types materializes from Go 1.22 on.
func unalias(t types.Type) types.Type { return types.Unalias(t) }
